"""Submissions nobody confirmed are forgotten: the submitter's name and address were given
for one purpose (publishing an event) and the link to prove the address was never used.

After ``TAPESTRY_UNCONFIRMED_SUBMISSION_DAYS`` the submission goes, and with it its draft
page when that page was never published. If an editor published the event anyway, the page
stays and only the submitter's details go.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.submissions.models import Submission


def forget_unconfirmed(now=None, days=None):
    """Delete unconfirmed submissions older than ``days``; return how many went."""
    now = now or timezone.now()
    if days is None:
        days = settings.TAPESTRY_UNCONFIRMED_SUBMISSION_DAYS
    stale = Submission.objects.filter(
        email_verified_at__isnull=True, created_at__lt=now - timedelta(days=days)
    )
    count = 0
    for submission_id in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            submission = (
                Submission.objects.select_for_update()
                .filter(pk=submission_id, email_verified_at__isnull=True)
                .select_related("page")
                .first()
            )
            if submission is None:  # confirmed meanwhile
                continue
            page = submission.page
            submission.delete()
            if page.first_published_at is None and not page.live:
                page.delete()
            count += 1
    return count
