"""The submitter's signed link: confirm the address, then come back to edit.

Signed with the site's key and a salt of its own (a booking link cannot open a submission),
carrying the submission's link version: raising it revokes every link sent before.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from events.submissions.models import Submission

SALT = "tapestry.submission.manage"


def token(submission):
    return signing.dumps([str(submission.public_id), submission.token_version], salt=SALT)


def submission_for_token(value):
    """The submission a link belongs to, or None for a wrong, forged, expired or revoked one."""
    max_age = timedelta(days=settings.TAPESTRY_LINK_MAX_AGE_DAYS)
    try:
        public_id, version = signing.loads(value, salt=SALT, max_age=max_age)
        found = Submission.objects.select_related("page").filter(public_id=public_id).first()
    except (signing.BadSignature, ValueError, TypeError):  # SignatureExpired included
        return None
    if found is None or found.token_version != version:
        return None
    return found
