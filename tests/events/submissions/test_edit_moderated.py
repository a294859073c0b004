"""The submitter's link on anyone else's event (approved by a moderator) and on a
submission not yet confirmed. The trusted partner's event is in test_edit.py."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventPage
from tests.events.submissions.support import (
    confirm_url,
    edit,
    form_data,
    in_review,
    mailed_token,
)

pytestmark = pytest.mark.django_db
TRUSTED = "events@library.example"


@pytest.fixture
def moderated_live(client, index, workshop, moderator):
    """Anyone's event, approved by a moderator; returns (page, token)."""
    client.post(reverse("events:submit_event"), form_data(workshop))
    token = mailed_token("ada@example.org")
    client.post(confirm_url(token))
    page = EventPage.objects.get()
    in_review(page).current_task_state.specific.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    return page, token


def test_anyone_elses_non_material_change_is_moderated(client, moderated_live, workshop):
    page, token = moderated_live
    edit(client, token, workshop, summary="Changed by the submitter.")
    live = EventPage.objects.get(pk=page.pk)
    assert live.summary != "Changed by the submitter."
    assert in_review(live) is not None


def test_sent_back_for_changes_then_edited_goes_back_to_review(
    client, moderated_live, workshop, moderator
):
    page, token = moderated_live
    edit(client, token, workshop, start_date="2027-05-26")
    in_review(page).current_task_state.specific.reject(user=moderator)
    state = WorkflowState.objects.for_instance(page).exclude(status="approved").get()
    assert state.status == "needs_changes"
    edit(client, token, workshop, start_date="2027-05-27")
    state.refresh_from_db()
    assert state.status == "in_progress"
    assert EventPage.objects.get(pk=page.pk).start_date == date(2027, 5, 12)


def test_an_unverified_submission_is_never_published(client, campaign, workshop, library):
    data = form_data(workshop, campaign=campaign.pk, email=TRUSTED, organiser_name="Town Library")
    client.post(reverse("events:submit_event"), data)
    token = mailed_token(TRUSTED)
    edit(client, token, workshop, summary="Edited before confirming.")
    page = EventPage.objects.get()
    assert not page.live
    assert in_review(page) is None
