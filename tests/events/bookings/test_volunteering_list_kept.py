"""The volunteering page keeps its list of shifts (the count, the cards, the page links)
drawn whole, in each process, while nothing it shows can change (issue 25): a warm view
draws none of it, yet each query, page and language has its own copy, and a new shift, a
place taken or the clock shows on the very next request. The kept rows beneath it are
tested in test_shift_lists_kept.py, the kept cards in test_shift_cards_kept.py; both
read this page too."""

import re
from datetime import timedelta

import pytest
import time_machine

from events.bookings.services import booking
from events.models import Shift
from tests.events.bookings.test_volunteering_pages import FIRST, NOW, _build_walk, add_shifts
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import drew

pytestmark = pytest.mark.django_db

LIST_TEMPLATE = "events/includes/volunteering_shifts.html"

walk_rows = module_rows(_build_walk)


@pytest.fixture
def walk(walk_rows, db):
    return fresh(walk_rows)


@pytest.fixture(autouse=True)
def _before_the_shifts():
    with time_machine.travel(NOW, tick=False):
        yield


def get(client, path="/volunteer/", data=None):
    response = client.get(path, data or {})
    assert response.status_code == 200, path
    return response


def drawn(response):
    """Whether the request drew the list of shifts (rather than using a kept one)."""
    return drew(response, LIST_TEMPLATE)


def shift_list(response):
    found = re.search(
        r'<section aria-labelledby="shifts-heading">.*?</section>', response.content.decode(), re.S
    )
    assert found, response.content.decode()
    return found.group(0)


def test_a_warm_view_draws_no_list_and_shows_the_same_one(client, walk):
    add_shifts(walk, 3)

    first = get(client)
    again = get(client)

    assert drawn(first) and not drawn(again)
    assert "3 shifts found." in shift_list(first)
    assert shift_list(again) == shift_list(first)


def test_a_new_shift_shows_at_once(client, walk):
    assert "There are no open shifts just now." in shift_list(get(client))
    assert not drawn(get(client))

    add_shifts(walk, 1)

    shown = get(client)
    assert drawn(shown)
    assert "1 shift found." in shift_list(shown) and "Steward 00" in shift_list(shown)


def test_a_place_taken_shows_at_once(client, walk):
    add_shifts(walk, 1)
    assert "3 of 3 places left" in shift_list(get(client))
    shift = Shift.objects.get()
    signed = booking.sign_up(
        shift.pk, name="Bo", email="bo@example.org",
        confirmations=booking.required_confirmations(shift), now=NOW,
    ).booking  # fmt: skip
    booking.confirm(signed.pk, now=NOW)

    assert "2 of 3 places left" in shift_list(get(client))


def test_each_query_and_page_keeps_its_own_list(client, walk):
    add_shifts(walk, 25)
    add_shifts(walk, 1, role="Cook", start=30)

    everything = shift_list(get(client))
    second = shift_list(get(client, data={"page": "2"}))
    cooks = shift_list(get(client, data={"role": "Cook 30"}))
    # A parameter that is no filter (from a newsletter's link) selects the same shifts.
    from_a_link = shift_list(get(client, data={"page": "2", "source": "newsletter"}))

    assert "26 shifts found." in everything and "Page 1 of 2" in everything
    assert "Steward 00" in everything and "Steward 20" not in everything
    assert "Steward 20" in second and "Page 2 of 2" in second
    assert 'href="?page=1"' in second
    assert "1 shift found." in cooks and "Steward 00" not in cooks
    # The page links keep the query as it was asked, whatever it held.
    assert 'href="?source=newsletter&amp;page=1"' in from_a_link
    assert 'href="?page=1"' not in from_a_link
    # Each is kept apart: asking again gives each its own list back.
    assert shift_list(get(client)) == everything
    assert shift_list(get(client, data={"page": "2"})) == second
    assert shift_list(get(client, data={"role": "Cook 30"})) == cooks


def test_a_filter_that_matches_nothing_says_so_with_its_own_address(client, walk):
    add_shifts(walk, 2)
    get(client)

    nothing = shift_list(get(client, data={"from_date": "2028-01-01"}))
    es_nothing = shift_list(get(client, "/es/volunteer/", {"from_date": "2028-01-01"}))

    assert "No shifts match these filters." in nothing
    assert '<a href="/volunteer/">' in nothing
    assert '<a href="/es/volunteer/">' in es_nothing


def test_each_language_keeps_its_own_list(client, walk):
    add_shifts(walk, 2)

    english = shift_list(get(client))
    spanish = shift_list(get(client, "/es/volunteer/"))

    assert "Shifts that need people" in english
    assert "Turnos que necesitan gente" in spanish and "Shifts that need people" not in spanish
    assert shift_list(get(client)) == english
    assert shift_list(get(client, "/es/volunteer/")) == spanish


def test_the_list_is_drawn_again_when_its_soonest_shift_leaves_it(client, walk):
    """A shift's sign-up closes at its start when no other close is set: it leaves the
    list then, and the kept copy answers no longer."""
    add_shifts(walk, 2)
    with time_machine.travel(FIRST - timedelta(seconds=1), tick=False):
        assert "2 shifts found." in shift_list(get(client))
        kept = get(client)
        assert not drawn(kept) and "2 shifts found." in shift_list(kept)
    with time_machine.travel(FIRST, tick=False):
        later = get(client)
        assert drawn(later)
        assert "1 shift found." in shift_list(later) and "Steward 00" not in shift_list(later)


def test_an_earlier_moment_draws_the_list_afresh(client, walk):
    """A list drawn after the first shift left does not answer for a moment before."""
    add_shifts(walk, 2)
    with time_machine.travel(FIRST, tick=False):
        assert "1 shift found." in shift_list(get(client))
    with time_machine.travel(FIRST - timedelta(seconds=1), tick=False):
        assert "2 shifts found." in shift_list(get(client))
