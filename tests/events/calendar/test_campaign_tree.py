"""The page tree is the editor's intent: an event under a campaign page is in that campaign."""

from datetime import date, time

import pytest
from django.contrib.auth import get_user_model

from events.calendar.services import listing
from events.models import EventPage
from tests.events import factories
from tests.events.calendar.helpers import form

pytestmark = pytest.mark.django_db


def test_event_created_under_a_campaign_defaults_its_campaign_from_the_tree():
    index = factories.site_with_index()
    campaign = factories.campaign(index)

    event = factories.event(campaign)
    elsewhere = factories.event(index, title="Not in any campaign", slug="elsewhere")

    assert event.campaign_id == campaign.pk
    assert elsewhere.campaign_id is None
    titles = [o.event.title for o in listing.apply_filters({"campaign": campaign.slug})[1]]
    assert titles == [event.title]


def test_a_chosen_campaign_is_kept():
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    other = factories.campaign(index, title="Winter wellbeing", slug="winter")

    event = factories.event(campaign, campaign=other)

    assert event.campaign_id == other.pk


def test_an_event_moved_under_a_campaign_takes_it_on_its_next_save():
    """The same instance, saved under the index (no campaign) and again after a move."""
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    page = EventPage(
        title="Evening walk",
        slug="evening-walk",
        summary="A walk.",
        start_date=date(2027, 5, 4),
        start_time=time(18, 30),
        end_time=time(20, 0),
        attendance_mode="online",
        kind=factories.kind(),
    )
    index.add_child(instance=page)
    page.save()
    assert page.campaign_id is None

    page.move(campaign, pos="last-child")
    page.save()

    assert page.campaign_id == campaign.pk
    assert EventPage.objects.get(pk=page.pk).campaign_id == campaign.pk


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "", "pw-123456789")
    client.force_login(user)
    return client


def test_editor_adding_under_a_campaign_gets_it_and_is_warned_on_disagreement(editor):
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    other = factories.campaign(index, title="Winter wellbeing", slug="winter")
    add_url = f"/admin/pages/add/events/eventpage/{campaign.pk}/"

    quiet = editor.post(add_url, form(), follow=True)
    loud = editor.post(add_url, form(slug="second", campaign=other.pk), follow=True)

    assert EventPage.objects.get(slug="tuesday-circle").campaign_id == campaign.pk
    assert "sits under the campaign page" not in quiet.content.decode()
    assert EventPage.objects.get(slug="second").campaign_id == other.pk
    assert "sits under the campaign page" in loud.content.decode()
