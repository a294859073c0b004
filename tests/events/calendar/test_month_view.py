"""The month view is no dead end, and at small widths the filters fold away."""

from datetime import date

import pytest

from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_index():
    index = factories.site_with_index()
    factories.event(index, title="Spring walk", slug="walk", start_date=date(2027, 3, 9))
    return index


# Built once for the module: every test here reads the same month.
index_rows = module_rows(_build_index)


@pytest.fixture
def index(index_rows, db):
    return fresh(index_rows)


def test_an_empty_month_says_when_the_next_events_are_and_links_there(client, index):
    html = client.get(f"{index.url}month/2026/12/").content.decode()

    assert "There are no events in December 2026" in html
    assert "Tuesday 9 March 2027" in html
    assert f'href="{index.url}month/2027/3/"' in html


def test_a_month_with_events_and_the_last_month_say_nothing_of_the_kind(client, index):
    assert "There are no events" not in client.get(f"{index.url}month/2027/3/").content.decode()
    assert "There are no events" not in client.get(f"{index.url}month/2027/6/").content.decode()


def test_the_next_events_link_keeps_the_filters(client, index):
    html = client.get(f"{index.url}month/2026/12/", {"mode": "in_person"}).content.decode()

    assert "that match these filters" in html
    assert f'href="{index.url}month/2027/3/?mode=in_person"' in html


def test_filters_are_folded_until_used(client, index):
    plain = client.get(f"{index.url}month/2027/3/").content.decode()
    filtered = client.get(index.url, {"mode": "online"}).content.decode()

    assert '<details class="event-filters__fold">' in plain
    assert '<details class="event-filters__fold" open>' in filtered
