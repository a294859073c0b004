"""The upcoming events list keeps its days of cards and its pages rendered per query, page
and editorial stamp, until the soonest listed event ends: events only ever leave the list
with time, so a change shows on the very next request either way (the page cache is off
in the tests) and a second request reads nothing but the page."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from events.calendar.views import listing as listing_views
from tests.events import factories
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + timedelta(days=1)


def _build_index():
    index = factories.site_with_index()
    index.page_size = 2
    index.save_revision().publish()
    for number, hour in enumerate((9, 11, 13)):
        factories.event(
            index,
            title=f"Session {number}",
            slug=f"session-{number}",
            start_date=TOMORROW,
            start_time=time(hour, 0),
            end_time=time(hour + 1, 0),
        )
    return index


# Three sessions tomorrow, built once for the module: each test reads its own copy of the
# index and its writes are undone.
index_rows = module_rows(_build_index)


@pytest.fixture
def index(index_rows, db):
    return fresh(index_rows)


@pytest.fixture
def lists_drawn(monkeypatch):
    return watch_calls(monkeypatch, listing_views.listing, "group_by_day")


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_draws_nothing_again_and_reads_only_the_page(
    client, index, lists_drawn, django_assert_max_num_queries
):
    url = index.url
    first = listed(client, url)
    with django_assert_max_num_queries(1):  # the page's own row, read afresh every time
        second = listed(client, url)

    assert "Session 0" in first and "Page 1 of 2" in first
    assert first == second
    assert len(lists_drawn) == 1


def test_each_page_and_query_is_its_own(client, index, lists_drawn):
    url = index.url
    assert "Session 2" not in listed(client, url)
    assert "Session 2" in listed(client, url + "?page=2")
    assert "Session" not in listed(client, url + "?q=nothing-called-this").split("event-results")[1]
    assert len(lists_drawn) == 3


def test_the_list_moves_on_when_the_soonest_event_ends(client, index):
    """Twenty minutes on, the first session has ended. Control: kept without the soonest
    end (``until`` None, so kept for the hour any piece is), the ended session stays and
    the page count stays "of 2" (checked)."""
    url = index.url
    at = timezone.make_aware(datetime.combine(TOMORROW, time(9, 50)))
    with time_machine.travel(at, tick=False) as clock:
        assert "Session 0" in listed(client, url)
        clock.move_to(at + timedelta(minutes=20))
        html = listed(client, url)

    assert "Session 0" not in html
    assert "Session 1" in html and "Session 2" in html
    assert "Page 1 of 2" not in html


def test_a_new_event_shows_on_the_next_request(client, index):
    listed(client, index.url)

    factories.event(
        index, title="Early swim", slug="swim", start_date=TOMORROW, start_time=time(7, 0)
    )

    assert "Early swim" in listed(client, index.url)
