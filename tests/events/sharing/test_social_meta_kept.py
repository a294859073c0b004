"""A page's share tags are kept rendered under the editorial stamp, per page and address,
unless its card shows the clock (an event's next meeting): a publish shows on the very
next request (the page cache is off in the tests)."""

from html import unescape

import pytest

from events.sharing.services import social
from tests.events import factories
from tests.events.bookings.helpers import registration as reg
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(monkeypatch):
    return watch_calls(monkeypatch, social, "meta_for")


def og_title(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return unescape(html.split('property="og:title" content="')[1].split('"')[0])


def test_a_second_visit_builds_the_tags_once(client, built):
    index = factories.site_with_index()
    assert og_title(client, index.url) == og_title(client, index.url) == index.title
    assert len(built) == 1


def test_a_publish_shows_on_the_next_request(client):
    index = factories.site_with_index()
    og_title(client, index.url)

    index = factories.republish(index, seo_title="Everything on this month")

    assert og_title(client, index.url) == "Everything on this month"


def test_a_page_whose_card_shows_the_clock_builds_them_every_time(client, built):
    """An event's card names its next meeting. Control: without
    ``share_card_follows_clock`` on event pages they are built once (checked)."""
    event = reg.workshop()
    url = reg.register_url(event)
    og_title(client, url)
    og_title(client, url)

    assert len(built) == 2
