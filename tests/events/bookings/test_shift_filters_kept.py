"""The volunteering page's filter form is drawn once per query and list of roles and kept
(events.templatetags.booking_tags.shift_filters): the same query reuses it; another
query, a bad value or a new role on offer shows on the very next view."""

from datetime import date

import pytest

from tests.events import factories
from tests.events.bookings.volunteering_rows import page_under_home
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_renders

pytestmark = pytest.mark.django_db

FORM = "components/event_filters.html"


def _build_volunteer_page():
    index = factories.site_with_index()
    factories.event(
        index,
        title="Opening walk",
        slug="walk",
        start_date=date(2027, 5, 2),
        shifts=[factories.shift(role="Walk leader")],
    )
    return page_under_home()


# The walk with its walk leader's shift and the volunteering page, built once for the
# module: each test reads its own copy of the page and its writes are undone.
page_rows = module_rows(_build_volunteer_page)


@pytest.fixture
def volunteer_page(page_rows, db):
    return fresh(page_rows)


@pytest.fixture
def drawn(monkeypatch):
    """The roles offered each time the filter form was drawn afresh."""
    return watch_renders(
        monkeypatch,
        FORM,
        lambda context: [value for value, _ in context["filter_form"].fields["role"].choices],
    )


def page(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200
    return response.content.decode()


def test_the_same_query_reuses_the_form_and_another_draws_its_own(client, volunteer_page, drawn):
    first = page(client, volunteer_page.url, {"role": "Walk leader"})
    again = page(client, volunteer_page.url, {"role": "Walk leader", "page": "1"})
    everything = page(client, volunteer_page.url)

    assert len(drawn) == 2  # the page number is not part of the form
    assert '<option value="Walk leader" selected>' in first
    assert '<option value="Walk leader" selected>' in again
    assert '<option value="Walk leader" selected>' not in everything
    assert 'id="shift-filters-heading"' in everything


def test_a_bad_value_is_reported_from_the_kept_form_too(client, volunteer_page, drawn):
    for _ in range(2):
        html = page(client, volunteer_page.url, {"from_date": "not a date"})
        assert "Some filters could not be used" in html
    assert len(drawn) == 1


def test_a_new_role_on_offer_shows_on_the_next_view(client, volunteer_page, drawn):
    page(client, volunteer_page.url)
    factories.event(
        title="Tea morning",
        slug="tea",
        start_date=date(2027, 5, 9),
        shifts=[factories.shift(role="Tea helper")],
    )
    html = page(client, volunteer_page.url)
    assert '<option value="Tea helper">' in html
    assert drawn == [["", "Walk leader"], ["", "Tea helper", "Walk leader"]]
