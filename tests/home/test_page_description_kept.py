"""A page's meta description is worked out once per publish, not on each view (issue 25):
a warm view strips no tags, yet a published edit shows on the next request, each page
keeps its own, and a preview describes its draft."""

import pytest

from home.templatetags import page_meta_tags
from tests.events import factories
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_out(monkeypatch):
    """The calls that worked a description out (rather than using a kept one)."""
    return watch_calls(monkeypatch, page_meta_tags, "_own_description")


def description(response):
    assert response.status_code == 200
    content = response.content.decode()
    return content.split('<meta name="description" content="')[1].split('"')[0]


def test_a_warm_view_works_out_no_description(client, worked_out):
    campaign = factories.campaign(intro="<p>Walks, talks and <b>quiet</b> rooms.</p>")

    assert description(client.get(campaign.url)) == "Walks, talks and quiet rooms."
    assert [page.pk for (page,) in worked_out] == [campaign.pk]
    assert description(client.get(campaign.url)) == "Walks, talks and quiet rooms."
    assert [page.pk for (page,) in worked_out] == [campaign.pk]


def test_a_published_edit_shows_at_once(client):
    campaign = factories.campaign(intro="<p>Walks and talks.</p>")
    assert description(client.get(campaign.url)) == "Walks and talks."

    factories.republish(campaign, search_description="A month of small steps.")

    assert description(client.get(campaign.url)) == "A month of small steps."


def test_each_page_keeps_its_own(client):
    index = factories.site_with_index()
    first = factories.campaign(index, intro="<p>The first.</p>")
    second = factories.campaign(index, slug="second", intro="<p>The second.</p>")

    for _ in range(2):
        assert description(client.get(first.url)) == "The first."
        assert description(client.get(second.url)) == "The second."


def test_a_preview_describes_its_draft_and_keeps_nothing(client):
    campaign = factories.campaign(intro="<p>Walks and talks.</p>")
    assert description(client.get(campaign.url)) == "Walks and talks."
    draft = campaign.get_latest_revision_as_object()
    draft.search_description = "Not yet published."

    assert description(draft.make_preview_request()) == "Not yet published."
    assert description(client.get(campaign.url)) == "Walks and talks."
