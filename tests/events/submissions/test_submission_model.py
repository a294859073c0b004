"""A submission ties a draft event to its submitter; links are revoked by a version."""

import pytest
from django.db import IntegrityError

from events.models import Partner, Submission
from tests.events import factories

pytestmark = pytest.mark.django_db


def test_a_submission_names_its_page_submitter_and_optional_partner():
    page = factories.event(publish=False)
    submission = Submission.objects.create(
        page=page, submitter_name="Ada", submitter_email="ada@example.org"
    )
    assert submission.partner is None
    assert submission.token_version == 1
    assert not submission.is_verified
    assert list(page.submissions.all()) == [submission]

    library = Partner.objects.create(name="Town Library", slug="town-library")
    submission.partner = library
    submission.save()
    assert list(library.submissions.all()) == [submission]
    library.delete()
    submission.refresh_from_db()
    assert submission.partner is None  # the event stays when a partner goes


def test_public_ids_are_unique():
    page = factories.event(publish=False)
    first = Submission.objects.create(page=page, submitter_name="A", submitter_email="a@e.org")
    with pytest.raises(IntegrityError):
        Submission.objects.create(
            page=page, submitter_name="B", submitter_email="b@e.org", public_id=first.public_id
        )
