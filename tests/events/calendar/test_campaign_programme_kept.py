"""A campaign page's programme and stories are kept rendered per campaign, day and
editorial stamp: every editorial change shows on the very next request (the page cache is
off in the tests), a second request draws neither again, and a preview shows the draft."""

from datetime import date

import pytest
from wagtail.models import Page, PageViewRestriction

from events import routes
from events.models import CampaignStory
from tests.events import factories
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db


def _build_campaign():
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    factories.event(
        index, title="Opening walk", slug="walk", start_date=date(2027, 5, 3), campaign=campaign
    )
    return campaign


# The campaign and its opening walk, built once for the module: each test reads its own
# copy and its writes are undone.
campaign_rows = module_rows(_build_campaign)


@pytest.fixture
def campaign(campaign_rows, db):
    return fresh(campaign_rows)


@pytest.fixture
def programmes_drawn(monkeypatch):
    return watch_calls(monkeypatch, routes, "campaign_programme")


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_draws_the_programme_once(client, campaign, programmes_drawn):
    url = campaign.url
    first, second = page_html(client, url), page_html(client, url)

    assert "Opening walk" in first and first == second
    assert [args[0].pk for args in programmes_drawn] == [campaign.pk]


def test_a_new_event_of_the_campaign_shows_on_the_next_request(client, campaign):
    page_html(client, campaign.url)

    factories.event(
        campaign.get_parent().specific,
        title="Closing picnic",
        slug="picnic",
        start_date=date(2027, 5, 30),
        campaign=campaign,
    )

    assert "Closing picnic" in page_html(client, campaign.url)


def test_new_campaign_dates_show_on_the_next_request(client, campaign):
    page_html(client, campaign.url)

    campaign = factories.republish(campaign, start_date=date(2027, 5, 10))

    html = page_html(client, campaign.url)
    assert "Opening walk" not in html
    assert "including 1 meeting before or after these dates" in html


def test_a_restricted_event_leaves_the_programme_on_the_next_request(client, campaign):
    assert "Opening walk" in page_html(client, campaign.url)

    walk = campaign.get_parent().get_children().get(slug="walk")
    PageViewRestriction.objects.create(page=walk, restriction_type="login")

    assert "Opening walk" not in page_html(client, campaign.url)


def test_a_chosen_story_shows_on_the_next_request(client, campaign):
    page_html(client, campaign.url)
    home = campaign.get_parent().get_parent()
    story = home.add_child(instance=Page(title="Why we walk", slug="why-we-walk"))

    draft = campaign.get_latest_revision_as_object()
    draft.chosen_stories.add(CampaignStory(page=story))
    draft.save_revision().publish()

    assert "Why we walk" in page_html(client, campaign.url)


def test_a_preview_shows_the_draft_not_what_is_kept(client, campaign):
    page_html(client, campaign.url)
    home = campaign.get_parent().get_parent()
    story = home.add_child(instance=Page(title="Draft story", slug="draft-story"))

    draft = campaign.get_latest_revision_as_object()
    draft.chosen_stories.add(CampaignStory(page=story))
    response = draft.make_preview_request()

    assert "Draft story" in response.content.decode()
    assert "Draft story" not in page_html(client, campaign.url)
