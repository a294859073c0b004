"""The home page's "Coming up" list is kept rendered per editorial stamp until the first
of its meetings ends: a change shows on the very next request (the page cache is off in
the tests), and a second request does not look the events up again."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from events.templatetags import calendar_tags
from tests.events import factories
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + timedelta(days=1)


def _build_index():
    index = factories.site_with_index()
    for number, hour in enumerate((9, 11)):
        factories.event(
            index,
            title=f"Session {number}",
            slug=f"session-{number}",
            start_date=TOMORROW,
            start_time=time(hour, 0),
            end_time=time(hour + 1, 0),
        )
    return index


# Two sessions tomorrow, built once for the module: each test reads its own copy of the
# index and its writes are undone. The list with nothing planned is in
# test_next_events_kept_empty.py.
index_rows = module_rows(_build_index)


@pytest.fixture
def index(index_rows, db):
    return fresh(index_rows)


@pytest.fixture
def lookups(monkeypatch):
    return watch_calls(monkeypatch, calendar_tags.listing, "next_occurrences")


def coming_up(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="upcoming-heading"') : html.index('id="stories-heading"')]


def test_a_second_visit_looks_nothing_up_again(client, index, lookups):
    first, second = coming_up(client), coming_up(client)

    assert "Session 0" in first and "Session 1" in first
    assert first == second
    assert len(lookups) == 1


def test_an_ended_meeting_leaves_on_the_next_request(client, index):
    """Control: kept without its end (``until`` None, so for the hour any piece is kept),
    the ended session stays (checked)."""
    at = timezone.make_aware(datetime.combine(TOMORROW, time(9, 50)))
    with time_machine.travel(at, tick=False) as clock:
        assert "Session 0" in coming_up(client)
        clock.move_to(at + timedelta(minutes=20))
        html = coming_up(client)

    assert "Session 0" not in html and "Session 1" in html


def test_a_published_event_comes_up_on_the_next_request(client, index):
    coming_up(client)

    factories.event(
        index, title="Early swim", slug="swim", start_date=TOMORROW, start_time=time(7, 0)
    )

    assert "Early swim" in coming_up(client)
