"""Fuzzing the public calendar: every list, month and feed query string, and the
resend-links form. No input may cause a server error or come back as markup."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.events import factories
from tests.support.fuzz import VALUE, assert_no_markup_echoed, fuzz_settings, query

pytestmark = pytest.mark.slow

FILTER_KEYS = [
    "q",
    "campaign",
    "kind",
    "language",
    "mode",
    "access",
    "from_date",
    "to_date",
    "page",
]
FEED_KEYS = [*FILTER_KEYS, "cancelled"]


@pytest.fixture
def calendar(db):
    campaign = factories.campaign()
    factories.event(campaign=campaign, rrule="", slug="breathing")
    factories.event(title="Walk and talk", slug="walk", attendance_mode="online")
    return factories.site_with_index()


def get_ok(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code < 500, (path, params)
    return response


@pytest.mark.parametrize(("route", "examples"), [("", 150), ("month/", 100), ("past/", 60)])
def test_listings_survive_any_filter_query(client, calendar, route, examples):
    calls = []

    @fuzz_settings(examples)
    @given(params=query(FILTER_KEYS))
    @example(params={"to_date": "9999-12-31", "from_date": "0001-01-01"})
    def run(params):
        calls.append(params)
        response = get_ok(client, calendar.url + route, params)
        if response.status_code == 200:
            assert_no_markup_echoed(response.content.decode(), f"on {route or 'list'}")

    run()
    assert len(calls) >= examples


def test_month_paths_survive_any_year_and_month(client, calendar):
    calls = []

    @fuzz_settings(100)
    @given(
        year=st.integers(min_value=0, max_value=10**12),
        month=st.integers(min_value=0, max_value=10**6),
    )
    def run(year, month):
        calls.append((year, month))
        get_ok(client, f"{calendar.url}month/{year}/{month}/")

    run()
    assert len(calls) >= 100


def test_the_site_feed_survives_any_filter_query(client, calendar):
    calls = []

    @fuzz_settings(300)
    @given(params=query(FEED_KEYS))
    @example(params={"to_date": "9999-12-31"})  # found by this test: the day after overflowed
    def run(params):
        calls.append(params)
        response = get_ok(client, "/calendar.ics", params)
        if response.status_code == 200:
            assert response["Content-Type"].startswith("text/calendar")

    run()
    assert len(calls) >= 300


def test_the_subscribe_page_survives_any_feed_parameter(client, calendar):
    calls = []

    @fuzz_settings(300)
    @given(feed=st.one_of(VALUE, st.text().map(lambda tail: "/calendar" + tail)))
    def run(feed):
        calls.append(feed)
        feed = feed.encode("utf-8", "ignore").decode()
        response = get_ok(client, "/calendar/subscribe/", {"feed": feed})
        html = response.content.decode()
        assert_no_markup_echoed(html, "on the subscribe page")
        # Only this site's own feeds are offered.
        assert "webcal://testserver/" in html

    run()
    assert len(calls) >= 300


def test_the_resend_links_form_survives_any_input(client, calendar):
    calls = []

    @fuzz_settings(300)
    @given(data=query(["email", "website", "csrfmiddlewaretoken"]))
    def run(data):
        calls.append(data)
        response = client.post("/my-bookings/", data)
        assert response.status_code < 500, data
        assert_no_markup_echoed(response.content.decode(), "on the resend-links form")

    run()
    assert len(calls) >= 300
