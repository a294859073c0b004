"""Lists of shifts are kept in the process while nothing they show can change
(events.bookings.services.kept_shifts): a warm view reads no shift rows, yet every change
to a place, a capacity or a shift shows on the very next request (the page cache is off
in the tests), and the clock opens and closes sign-ups on time."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.bookings.models import Booking
from events.bookings.services import booking, volunteering
from events.models import CampaignPage, EventPage, Shift
from tests.events.bookings.test_shift_cards_kept import edit_walk_shift
from tests.events.bookings.volunteering_rows import NOW, build_shifts_and_page

# The fixture shifts reads the module's shift_rows: here the shifts and the volunteering
# page, built once for the module.
from tests.events.bookings.volunteering_rows import shifts as shifts
from tests.support.demo_once import module_rows

pytestmark = pytest.mark.django_db

shift_rows = module_rows(build_shifts_and_page)


@pytest.fixture
def pages(shifts):
    walk = EventPage.objects.get(slug="walk")
    return {
        "volunteering": "/volunteer/",
        "event": walk.url,
        "event's shifts": walk.url + walk.reverse_subpage("shifts_view"),
        "campaign": CampaignPage.objects.get().url,
    }


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def cards(page):
    """The page's list of shift cards ("" when it has none): the volunteering page's role
    filter names the roles too, and follows the clock on its own."""
    parts = page.split('class="card-list shift-list"')
    return parts[1].split("</ul>")[0] if len(parts) > 1 else ""


def walk_card(page):
    """The walk leader's card (its places line)."""
    return cards(page).split("Walk leader")[1].split("</li>")[0]


def sign_up(email, now=NOW):
    walk = Shift.objects.get(role="Walk leader")
    signed = booking.sign_up(
        walk.pk, name=email.split("@")[0], email=email,
        confirmations=booking.required_confirmations(walk), now=now,
    ).booking  # fmt: skip
    booking.confirm(signed.pk, now=now)
    return signed


@pytest.mark.parametrize("name", ["volunteering", "event", "event's shifts", "campaign"])
def test_a_warm_view_reads_no_shift_rows(client, pages, name):
    html(client, pages[name])
    with CaptureQueriesContext(connection) as queries:
        html(client, pages[name])
    assert not [query for query in queries if "events_shift" in query["sql"]]


@pytest.mark.parametrize("name", ["volunteering", "event", "event's shifts", "campaign"])
def test_a_place_taken_and_freed_shows_at_once(client, pages, name):
    assert "2 of 2 places left" in walk_card(html(client, pages[name]))
    signed = sign_up("bo@example.org")
    assert "1 of 2 places left" in walk_card(html(client, pages[name]))
    booking.cancel(signed.pk, now=NOW)
    assert "2 of 2 places left" in walk_card(html(client, pages[name]))


def test_a_changed_capacity_shows_at_once(client, pages):
    assert "2 of 2 places left" in walk_card(html(client, pages["event"]))
    booking.set_capacity(Shift.objects.get(role="Walk leader").pk, 5, now=NOW)
    assert "5 of 5 places left" in walk_card(html(client, pages["event"]))


def test_a_booking_saved_outside_the_booking_rules_shows_at_once(client, pages):
    """The admin or an erasure saves a booking row itself: the list follows too."""
    signed = sign_up("bo@example.org")
    assert "1 of 2 places left" in walk_card(html(client, pages["volunteering"]))
    row = Booking.objects.get(pk=signed.pk)
    row.status = Booking.Status.CANCELLED
    row.save()
    assert "2 of 2 places left" in walk_card(html(client, pages["volunteering"]))


def test_a_full_shift_shows_its_waiting_list_at_once(client, pages):
    sign_up("bo@example.org")
    sign_up("cy@example.org")
    assert "Full: you can join the waiting list" in walk_card(html(client, pages["event"]))


def test_a_shift_leaves_the_volunteering_list_when_its_sign_up_closes(client, pages):
    edit_walk_shift(closes_at=NOW + timedelta(days=3))
    with time_machine.travel(NOW + timedelta(days=3) - timedelta(seconds=1), tick=False):
        assert "Walk leader" in cards(html(client, pages["volunteering"]))
        assert "Walk leader" in cards(html(client, pages["volunteering"]))  # now from the kept list
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        assert "Walk leader" not in cards(html(client, pages["volunteering"]))
        # The event page still lists it, closed.
        assert "Walk leader" in cards(html(client, pages["event"]))


def test_a_shift_joins_the_volunteering_list_when_its_sign_up_opens(client, pages):
    edit_walk_shift(opens_at=NOW + timedelta(days=3))
    with time_machine.travel(NOW + timedelta(days=3) - timedelta(seconds=1), tick=False):
        assert "Walk leader" not in cards(html(client, pages["volunteering"]))
        assert "Walk leader" not in cards(html(client, pages["volunteering"]))
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        assert "Walk leader" in cards(html(client, pages["volunteering"]))


def test_a_shift_leaves_its_event_page_when_it_ends(client, pages):
    walk = Shift.objects.get(role="Walk leader")
    with time_machine.travel(walk.ends_at - timedelta(seconds=1), tick=False):
        assert "Walk leader" in cards(html(client, pages["event"]))
        assert "Walk leader" in cards(html(client, pages["event"]))
    with time_machine.travel(walk.ends_at, tick=False):
        assert "Walk leader" not in cards(html(client, pages["event"]))


def test_an_earlier_moment_is_read_afresh(shifts):
    """A list read later, after the walk's sign-up closed, does not answer for a moment
    before it closed."""
    edit_walk_shift(closes_at=NOW + timedelta(days=3))

    def roles(now):
        return [card.shift.role for card in volunteering.page_of_shifts({}, now=now)[1]]

    assert "Walk leader" not in roles(NOW + timedelta(days=4))
    assert "Walk leader" in roles(NOW + timedelta(days=2))
