"""Submission -> confirm -> moderation -> approve -> live, and the trusted path."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventPage, OutboxMessage, Submission
from tests.events import factories
from tests.events.submissions.support import (
    confirm_url,
    edit_url,
    form_data,
    mailed_token,
    trusted_partner,
)
from tests.support.demo_once import fresh, module_rows
from tests.support.wagtail_tree import ensure_editorial_roles

pytestmark = pytest.mark.django_db


def _build_campaign_and_library():
    ensure_editorial_roles()  # as the index fixture does
    campaign = factories.campaign(factories.site_with_index())
    return {"campaign": campaign, "library": trusted_partner(campaign)}


# The campaign and the library trusted in it (tests/events/submissions/conftest.py), built
# once for the module: no test here minds them being there, and each test's submissions,
# pages and changes to them are undone.
campaign_rows = module_rows(_build_campaign_and_library)


@pytest.fixture
def campaign(campaign_rows, db):
    return fresh(campaign_rows["campaign"])


@pytest.fixture
def library(campaign_rows, db):
    return fresh(campaign_rows["library"])


def submit(client, kind, **overrides):
    response = client.post(reverse("events:submit_event"), form_data(kind, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("events:submit_event_sent")
    return Submission.objects.latest("pk")


def in_review(page):
    return WorkflowState.objects.for_instance(page).filter(status="in_progress").first()


def approve(page, moderator):
    state = in_review(page)
    state.current_task_state.specific.approve(user=moderator)


def test_the_events_list_links_to_the_form(client, index):
    assert reverse("events:submit_event") in client.get(index.url).content.decode()
    assert client.get(reverse("events:submit_event")).status_code == 200


def test_a_submission_is_a_draft_until_confirmed_then_moderated_then_live(
    client, index, workshop, moderator
):
    submission = submit(client, workshop)
    page = EventPage.objects.get(pk=submission.page_id)
    assert page.get_parent().specific == index
    assert not page.live
    assert in_review(page) is None  # not verified: not even in front of moderators
    mail = OutboxMessage.objects.get(recipient="ada@example.org")
    assert "Please confirm your event" in mail.payload["subject"]
    token = mailed_token("ada@example.org")

    # Following the link only shows a button: a mail scanner fetching it verifies nothing.
    shown = client.get(confirm_url(token))
    assert shown.status_code == 200
    assert "Confirm my event" in shown.content.decode()
    submission.refresh_from_db()
    assert not submission.is_verified

    response = client.post(confirm_url(token))
    assert response.status_code == 302
    submission.refresh_from_db()
    page.refresh_from_db()
    assert submission.is_verified
    assert not page.live
    assert in_review(page) is not None

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard
    assert "Walk and talk" in dashboard
    client.logout()

    approve(page, moderator)
    page.refresh_from_db()
    assert page.live
    public = client.get(page.url)
    assert public.status_code == 200
    assert "Wear good shoes." in public.content.decode()


def test_confirming_twice_changes_nothing(client, index, workshop, moderator):
    submission = submit(client, workshop)
    token = mailed_token("ada@example.org")
    client.post(confirm_url(token))
    client.post(confirm_url(token))
    assert WorkflowState.objects.for_instance(submission.page).count() == 1


def test_a_trusted_partner_publishes_directly_once_verified(client, campaign, workshop, library):
    submission = submit(
        client,
        workshop,
        campaign=campaign.pk,
        email="events@library.example",
        organiser_name="Town Library",
    )
    page = EventPage.objects.get(pk=submission.page_id)
    assert page.get_parent().specific == campaign
    assert not page.live  # trusted, but the address is not verified yet

    client.post(confirm_url(mailed_token("events@library.example")))
    page.refresh_from_db()
    submission.refresh_from_db()
    assert submission.partner == library
    assert page.live
    assert page.organiser == library
    assert in_review(page) is None


@pytest.mark.parametrize(
    "overrides",
    [
        # the partner's name, but not its contact address
        {"email": "someone@example.org", "organiser_name": "Town Library"},
        # the right address, but no campaign the partner is trusted in
        {"email": "events@library.example", "organiser_name": "Town Library", "campaign": ""},
    ],
)
def test_not_trusted_goes_to_moderation(client, campaign, workshop, library, overrides):
    overrides.setdefault("campaign", campaign.pk)
    submission = submit(client, workshop, **overrides)
    client.post(confirm_url(mailed_token(overrides["email"])))
    page = EventPage.objects.get(pk=submission.page_id)
    assert not page.live
    assert in_review(page) is not None


def test_an_editor_may_choose_the_partner(client, campaign, workshop, library):
    submission = submit(client, workshop, campaign=campaign.pk, email="friend@example.org")
    Submission.objects.filter(pk=submission.pk).update(partner=library)
    client.post(confirm_url(mailed_token("friend@example.org")))
    submission.page.refresh_from_db()
    assert submission.page.live


def test_the_edit_page_needs_a_confirmed_address_before_anything_is_published(
    client, campaign, workshop, library
):
    submit(client, workshop, campaign=campaign.pk, email="events@library.example",
           organiser_name="Town Library")  # fmt: skip
    token = mailed_token("events@library.example")
    edit_page = client.get(edit_url(token))
    assert edit_page.status_code == 200
    assert "not confirmed yet" in edit_page.content.decode()
    data = form_data(workshop, summary="Changed summary.")
    data["status"] = "scheduled"
    client.post(edit_url(token), data)
    page = EventPage.objects.get()
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "Changed summary."


def test_the_mail_carries_a_working_link(client, index, workshop, mailoutbox):
    from tests.support.outbox import deliver

    submit(client, workshop)
    deliver()
    [sent] = mailoutbox
    assert sent.to == ["Ada Walker <ada@example.org>"]
    assert sent.subject == "Please confirm your event: Walk and talk"
    link = next(word for word in sent.body.split() if "/events/add/confirm/" in word)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
