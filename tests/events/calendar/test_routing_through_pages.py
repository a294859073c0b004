"""Routing walks through routable pages (the calendar, a campaign) to the event below as
Wagtail's fallback does, from the pages read on the way (home.services.routing), and an
event is read with the rows its page shows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import routes
from events.models import EventPage
from events.sharing.services import branding
from tests.events import factories
from tests.support.kept_fragments import watch_calls


def test_an_event_under_a_campaign_is_served_from_the_pages_on_the_way(client, db):
    campaign = factories.campaign()
    event = factories.event(campaign, title="Under the campaign", campaign=campaign)
    response = client.get(event.url)
    assert response.status_code == 200
    assert "Under the campaign" in response.content.decode()
    assert client.get(campaign.url + "no-such-event/").status_code == 404


def test_a_routable_page_s_own_sub_page_wins_over_a_child_of_the_same_slug(client, db):
    """As in Wagtail, the campaign's toolkit URL is the toolkit even when an event is
    slugged "toolkit" (control: walking to any child whose slug matches, without asking
    the page's own URLs first, serves the event here)."""
    campaign = factories.campaign()
    factories.event(campaign, title="An event called toolkit", slug="toolkit")
    response = client.get(campaign.url + "toolkit/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], type(campaign))


def test_a_drawn_event_article_reads_its_campaign_kind_and_venue_with_the_event(
    client, db, monkeypatch
):
    """Read in one query when the article is drawn (events.routes), not on every request."""
    campaign = factories.campaign()
    event = factories.event(campaign, title="Read in one", campaign=campaign)
    drawn = watch_calls(monkeypatch, routes, "_draw_sections")
    assert client.get(event.url).status_code == 200
    page = drawn[0][1]
    with CaptureQueriesContext(connection) as context:
        shown = (page.kind.name, page.venue.name, page.campaign.locale.language_code)
    assert all(shown)
    assert context.captured_queries == []


def test_a_campaign_read_with_its_event_follows_the_same_rule_as_the_query(db):
    """An unpublished campaign gives its events no branding, whether the campaign was read
    with the event (served pages) or is looked up (control: taking the campaign read with
    the page without checking it is live would brand the event with it)."""
    campaign = factories.campaign()
    event = factories.event(campaign, title="Branded", campaign=campaign)
    read_with = EventPage.objects.select_related("campaign__locale").get(pk=event.pk)
    assert branding.campaign_for(read_with).pk == campaign.pk
    campaign.unpublish()
    read_with = EventPage.objects.select_related("campaign__locale").get(pk=event.pk)
    assert branding.campaign_for(read_with) is None
    assert branding.campaign_for(EventPage.objects.get(pk=event.pk)) is None
