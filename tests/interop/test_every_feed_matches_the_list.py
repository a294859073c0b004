"""Twelve months of every public feed, expanded by each independent reader, against what
the HTML list shows for the same selection: titles, local start times, the clock change,
the moved and the cancelled meeting."""

import html
import re
from datetime import UTC, datetime
from functools import cache

import pytest

from tests.events.calendar.feed_site import site, site_rows  # noqa: F401 (the shared fixture)
from tests.interop import readers

pytestmark = pytest.mark.django_db
FROM = datetime(2027, 3, 1, tzinfo=UTC)
UNTIL = datetime(2028, 3, 1, tzinfo=UTC)
CARD = re.compile(
    r'class="event-card__title"><a href="[^"]*">(?P<title>[^<]*)</a>.*?'
    r'(?:<time datetime="(?P<start>[^"]+)">|all day)',
    re.S,
)


def listed(client, index, query):
    """(UTC start, title) of every timed meeting the HTML list shows, all pages."""
    shown = set()
    for number in range(1, 50):
        page = client.get(f"{index.url}?{query}&page={number}")
        text = page.content.decode()
        for match in CARD.finditer(text):
            if match["start"]:
                start = datetime.fromisoformat(match["start"]).astimezone(UTC)
                if FROM <= start < UNTIL:
                    shown.add((start, html.unescape(match["title"])))
        if f"page={number + 1}" not in text:
            break
    return shown


@pytest.mark.parametrize("reader", sorted(readers.READERS))
def test_every_feed_holds_what_its_list_shows(client, site, reader):  # noqa: F811
    index, group, campaign = site["index"], site["group"], site["campaign"]
    # Two feeds and the checks below share one selection: its list is read once a test.
    list_for = cache(lambda query: listed(client, index, query))
    feeds = {
        "/calendar.ics": "",
        "/calendar.ics?kind=support-group": "kind=support-group",
        "/calendar/kinds/support-group.ics": "kind=support-group",
        f"/calendar/campaigns/{campaign.slug}.ics": f"campaign={campaign.slug}",
        "/calendar.ics?mode=online": "mode=online",
    }
    for url, query in feeds.items():
        body = client.get(url).content
        seen = {
            (s.start.astimezone(UTC), s.summary)
            for s in readers.READERS[reader](body, FROM, UNTIL)
            if isinstance(s.start, datetime)
        }
        assert seen == list_for(query), (reader, url)
    # The clock change, the moved and the cancelled meeting, as the list shows them.
    everything = list_for("kind=support-group")
    assert (datetime(2027, 3, 23, 18, 30, tzinfo=UTC), group.title) in everything
    assert (datetime(2027, 4, 20, 17, 30, tzinfo=UTC), group.title) in everything
    assert (datetime(2027, 4, 14, 18, 0, tzinfo=UTC), group.title) in everything  # moved
    assert (datetime(2027, 4, 6, 17, 30, tzinfo=UTC), group.title) in everything  # cancelled
    event_feed = client.get(f"/calendar/events/{group.pk}.ics").content
    assert {
        (s.start.astimezone(UTC), s.summary)
        for s in readers.READERS[reader](event_feed, FROM, UNTIL)
    } == everything


@pytest.mark.parametrize("reader", sorted(readers.READERS))
def test_a_moved_meetings_own_file_says_where_it_went(client, site, reader):  # noqa: F811
    group = site["group"]
    moved = group.occurrences.get(moved=True)

    body = client.get(f"/calendar/events/{group.pk}/{moved.key}.ics").content

    seen = readers.READERS[reader](body, FROM, UNTIL)
    assert [(s.start.astimezone(UTC), s.summary) for s in seen] == [
        (datetime(2027, 4, 14, 18, 0, tzinfo=UTC), group.title)
    ]
