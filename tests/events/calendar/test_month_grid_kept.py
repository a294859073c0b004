"""The month grid is kept rendered per month, query and editorial stamp.

What a month shows comes from pages, their occurrences, venues and the editors' lists, so
each way those change must show on the very next request (the page cache is off in the
tests), and a second request for the same month must not draw the grid again.
"""

from datetime import date, time

import pytest

from events.calendar.services import occurrences
from events.calendar.views import listing as listing_views
from tests.events import factories
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db

MONTH = date(2027, 5, 1)


@pytest.fixture
def index():
    return factories.site_with_index()


@pytest.fixture
def grids_drawn(monkeypatch):
    """Each call that read a month's grid from the database (not served from the cache)."""
    return watch_calls(monkeypatch, listing_views.listing, "month_grid")


def month_html(client, index, month=MONTH, query=""):
    response = client.get(f"{index.url}month/{month.year}/{month.month}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_draws_nothing_again_and_reads_only_the_page(
    client, index, grids_drawn, django_assert_max_num_queries
):
    factories.event(index, title="Spring walk", slug="walk", start_date=date(2027, 5, 12))

    assert "Spring walk" in month_html(client, index)
    url = f"{index.url}month/2027/5/"
    with django_assert_max_num_queries(1):  # the page's own row, read afresh every time
        assert "Spring walk" in client.get(url).content.decode()

    assert [(year, month) for _rows, year, month, *_ in grids_drawn] == [(2027, 5)]


def test_each_query_and_month_is_its_own_grid(client, index, grids_drawn):
    factories.event(
        index, title="Clay", slug="clay", start_date=date(2027, 5, 3), kind=factories.kind()
    )
    factories.event(index, title="Choir", slug="choir", start_date=date(2027, 6, 3))

    may_all = month_html(client, index)
    may_talks = month_html(client, index, query="?q=nothing-called-this")
    june = month_html(client, index, date(2027, 6, 1))

    assert "Clay" in may_all and "Clay" not in may_talks
    assert "Choir" in june and "Clay" not in june
    assert len(grids_drawn) == 3


def test_a_published_event_shows_on_the_next_request(client, index):
    factories.event(index, title="Spring walk", slug="walk", start_date=date(2027, 5, 12))
    month_html(client, index)

    factories.event(index, title="Evening swim", slug="swim", start_date=date(2027, 5, 20))

    assert "Evening swim" in month_html(client, index)


def test_a_republished_title_and_a_cancellation_show_on_the_next_request(client, index):
    event = factories.event(index, title="Spring walk", slug="walk", start_date=date(2027, 5, 12))
    month_html(client, index)

    factories.republish(
        event, title="Riverside walk", status="cancelled", status_reason="The path is flooded."
    )

    html = month_html(client, index)
    assert "Riverside walk" in html and "Spring walk" not in html
    assert "(cancelled)" in html


def test_the_nightly_refresh_that_extends_a_series_shows_on_the_next_request(
    client, index, settings
):
    """A series without an end is planned a horizon ahead; the nightly task moves the
    horizon on, writing occurrences with no page saved. Control: without the renewal in
    ``occurrences.refresh_event`` the kept July stays empty (checked)."""
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 30
    factories.event(
        index,
        title="Monday circle",
        slug="circle",
        start_date=date.today(),
        start_time=time(18, 0),
        repeat="WEEKLY",
    )
    far = date.today().replace(day=1)
    far = date(far.year + (far.month + 2) // 12, (far.month + 2) % 12 + 1, 1)
    assert "Monday circle" not in month_html(client, index, far)

    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 180
    occurrences.refresh_all()

    assert "Monday circle" in month_html(client, index, far)


def test_an_edited_venue_changes_an_access_filtered_month(client, index):
    """Venues are snippets, not pages: saving one replaces the editorial stamp too.
    Control: without Venue among the stamp's models the filtered month keeps the event."""
    hall = factories.venue(name="Hill hall", step_free=True)
    factories.event(index, title="Open studio", slug="studio", venue=hall, start_date=MONTH)
    assert "Open studio" in month_html(client, index, query="?access=step_free")

    hall.step_free = False
    hall.save()

    assert "Open studio" not in month_html(client, index, query="?access=step_free")
