"""The submitter's link on a submission not yet confirmed: an edit publishes nothing. The
events already live are in test_edit.py and test_edit_moderated.py, whose events stay for
their whole module."""

import pytest
from django.urls import reverse

from events.models import EventPage
from tests.events.submissions.support import edit, form_data, in_review, mailed_token

pytestmark = pytest.mark.django_db
TRUSTED = "events@library.example"


def test_an_unverified_submission_is_never_published(client, campaign, workshop, library):
    data = form_data(workshop, campaign=campaign.pk, email=TRUSTED, organiser_name="Town Library")
    client.post(reverse("events:submit_event"), data)
    token = mailed_token(TRUSTED)
    edit(client, token, workshop, summary="Edited before confirming.")
    page = EventPage.objects.get()
    assert not page.live
    assert in_review(page) is None
