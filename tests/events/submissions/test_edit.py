"""The submitter's link: changes to a trusted partner's live event, and links that must not
work."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from events.bookings.services import links as booking_links
from events.models import EventPage, Submission
from events.submissions.services import links
from tests.events import factories
from tests.events.submissions.support import (
    confirm_url,
    edit,
    edit_url,
    form_data,
    in_review,
    mailed_token,
    trusted_partner,
)
from tests.support.demo_once import fresh, module_rows
from tests.support.wagtail_tree import ensure_editorial_roles

pytestmark = pytest.mark.django_db
TRUSTED = "events@library.example"


def _build_trusted_live():
    """A trusted partner's event, published directly: (page, token)."""
    ensure_editorial_roles()
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    workshop = factories.kind("Workshop")
    trusted_partner(campaign)
    client = Client()
    data = form_data(workshop, campaign=campaign.pk, email=TRUSTED, organiser_name="Town Library")
    client.post(reverse("events:submit_event"), data)
    token = mailed_token(TRUSTED)
    client.post(confirm_url(token))
    page = EventPage.objects.get()
    assert page.live
    return page, token


# Submitted and confirmed once for the module (each test's edits, reviews and link changes
# are undone); the tests of anyone else's event and of an unconfirmed one, which need
# another event in its place, are in test_edit_moderated.py and test_edit_unconfirmed.py.
trusted_live_rows = module_rows(_build_trusted_live)


@pytest.fixture
def trusted_live(trusted_live_rows, db):
    """A trusted partner's event, published directly; returns (page, token)."""
    return fresh(trusted_live_rows)


def test_the_edit_form_starts_from_the_event(client, trusted_live):
    _page, token = trusted_live
    response = client.get(edit_url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Walk and talk"' in html
    assert "Wear good shoes." in html
    assert 'value="2027-05-12"' in html  # ISO, as <input type="date"> requires
    assert "Organised by" not in html  # the line we add is not the submitter's text
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in (response["Cache-Control"])
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"start_date": "2027-05-19"},
        {"start_time": "14:00", "end_time": "15:00"},
        {"venue_address": "2 Other Street\nRiverside"},
        {"attendance_mode": "hybrid", "join_url": "https://meet.example/x"},
        {"status": "cancelled", "status_reason": "The park is closed."},
    ],
)
def test_a_material_change_goes_back_to_moderation_and_the_live_page_stays(
    client, trusted_live, workshop, moderator, changes
):
    page, token = trusted_live
    live_before = EventPage.objects.get(pk=page.pk)
    edit(client, token, workshop, **changes)

    live = EventPage.objects.get(pk=page.pk)
    assert live.live
    assert in_review(live) is not None
    for field in ("start_date", "start_time", "starts_at", "ends_at", "venue_id", "join_url",
                  "status", "attendance_mode"):  # fmt: skip
        assert getattr(live, field) == getattr(live_before, field), field
    public = client.get(live.url).content.decode()
    assert "The park is closed." not in public
    assert "2 Other Street" not in public

    in_review(live).current_task_state.specific.approve(user=moderator)
    approved = EventPage.objects.get(pk=page.pk)
    if "start_date" in changes:
        assert approved.start_date == date(2027, 5, 19)
        assert approved.starts_at - live_before.starts_at == timedelta(days=7)
    if "start_time" in changes:
        assert approved.start_time == time(14, 0)
    if "status" in changes:
        assert approved.status == "cancelled"
    if "venue_address" in changes:
        assert approved.venue.address == "2 Other Street\nRiverside"
    if "join_url" in changes:
        assert approved.join_url == "https://meet.example/x"


def test_a_trusted_partners_non_material_change_publishes_directly(client, trusted_live, workshop):
    page, token = trusted_live
    edit(client, token, workshop, summary="Now with tea afterwards.", description="Tea!")
    live = EventPage.objects.get(pk=page.pk)
    assert live.summary == "Now with tea afterwards."
    assert not live.has_unpublished_changes
    assert in_review(live) is None
    assert "Tea!" in client.get(live.url).content.decode()


def test_changes_while_in_review_wait_for_the_same_review(
    client, trusted_live, workshop, moderator
):
    page, token = trusted_live
    edit(client, token, workshop, start_date="2027-05-19")
    # Trusted and not material, but a review is under way: it waits for the same review.
    edit(client, token, workshop, start_date="2027-05-19", summary="Also a new summary.")
    live = EventPage.objects.get(pk=page.pk)
    assert live.summary != "Also a new summary."
    assert WorkflowState.objects.for_instance(live).filter(status="in_progress").count() == 1
    in_review(live).current_task_state.specific.approve(user=moderator)
    live = EventPage.objects.get(pk=page.pk)
    assert (live.summary, live.start_date) == ("Also a new summary.", date(2027, 5, 19))


def test_bad_input_on_the_edit_form_keeps_what_was_typed(client, trusted_live, workshop):
    page, token = trusted_live
    data = form_data(workshop, status="cancelled", status_reason="", title="Kept title")
    response = client.post(edit_url(token), data)
    assert response.status_code == 200
    assert 'value="Kept title"' in response.content.decode()
    assert "Say briefly why" in response.content.decode()
    assert EventPage.objects.get(pk=page.pk).status == "scheduled"


@pytest.mark.parametrize("view", ["submission_confirm", "submission_edit"])
def test_tampered_links_do_not_work(client, trusted_live, view):
    _page, token = trusted_live
    head, _sep, tail = token.rpartition(":")
    forged = [
        head + ":" + ("A" if tail[0] != "A" else "B") + tail[1:],
        token[:-3],
        "nonsense",
        booking_links._sign(Submission.objects.get().public_id, 1, booking_links.MANAGE_SALT),
    ]
    for bad in forged:
        response = client.get(reverse(f"events:{view}", args=[bad]))
        assert response.status_code == 404, bad
        response = client.post(reverse(f"events:{view}", args=[bad]), {"title": "x"})
        assert response.status_code == 404, bad
    assert client.get(reverse(f"events:{view}", args=[token])).status_code in (200, 302)


def test_expired_and_revoked_links_do_not_work(client, trusted_live, workshop, settings):
    _page, token = trusted_live
    settings.TAPESTRY_LINK_MAX_AGE_DAYS = 30
    with time_machine.travel(timedelta(days=31), tick=False):
        assert client.get(edit_url(token)).status_code == 404
    assert client.get(edit_url(token)).status_code == 200
    submission = Submission.objects.get()
    submission.token_version += 1
    submission.save()
    assert client.get(edit_url(token)).status_code == 404
    assert client.get(edit_url(links.token(submission))).status_code == 200
