"""The submitter's link on anyone else's event (approved by a moderator). The trusted
partner's event is in test_edit.py, a submission not yet confirmed in
test_edit_unconfirmed.py."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventPage
from tests.events import factories
from tests.events.submissions.support import (
    confirm_url,
    edit,
    form_data,
    in_review,
    mailed_token,
    moderator_mo,
)
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_moderated_live():
    """Anyone's event, approved by a moderator: {"live": (page, token), "moderator": mo}."""
    factories.site_with_index()
    workshop = factories.kind("Workshop")
    moderator = moderator_mo()
    client = Client()
    client.post(reverse("events:submit_event"), form_data(workshop))
    token = mailed_token("ada@example.org")
    client.post(confirm_url(token))
    page = EventPage.objects.get()
    in_review(page).current_task_state.specific.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    return {"live": (page, token), "moderator": moderator}


# Submitted, confirmed and approved once for the module (each test's edits and reviews are
# undone), with the moderator who approved it.
moderated_rows = module_rows(_build_moderated_live)


@pytest.fixture
def moderated_live(moderated_rows, db):
    """Anyone's event, approved by a moderator; returns (page, token)."""
    return fresh(moderated_rows["live"])


@pytest.fixture
def moderator(moderated_rows, db):
    """The module's moderator (tests/events/submissions/conftest.py's, built with the rows)."""
    return fresh(moderated_rows["moderator"])


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
