"""Issue 17, item 3: unconfirmed holds are bounded per address, per client and per
bookable, and a hold that lapses unconfirmed costs its holder, not the next person."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.bookings.services import booking
from events.models import Booking
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db
Status = Booking.Status


def hold(bookable, email, client="", now=None):
    return booking.sign_up(
        bookable.pk, name="X", email=email, client=client, now=now or timezone.now()
    ).booking


def test_one_client_cannot_fill_a_meeting_with_unconfirmed_holds():
    meeting = make_bookable(capacity=6)

    made = [hold(meeting, f"fake{n}@example.org", client="attacker") for n in range(6)]

    assert sum(b.status == Status.PENDING for b in made) <= 3
    real = hold(meeting, "real@example.org", client="someone-else")
    assert real.status == Status.PENDING


def test_a_client_has_few_holds_per_window_across_meetings(settings):
    settings.TAPESTRY_HOLDS_PER_CLIENT = (2, 3600)
    made = [
        hold(make_bookable(capacity=4, starts_in=timedelta(days=n + 1)), f"p{n}@example.org", "c")
        for n in range(4)
    ]

    assert [b.status for b in made] == [Status.PENDING] * 2 + [Status.WAITLISTED] * 2


def test_one_address_has_few_unconfirmed_holds_at_a_time(settings):
    settings.TAPESTRY_HOLDS_PER_ADDRESS = 2
    made = [
        hold(
            make_bookable(capacity=4, starts_in=timedelta(days=n + 1)), "same@example.org", f"c{n}"
        )
        for n in range(3)
    ]

    assert [b.status for b in made] == [Status.PENDING, Status.PENDING, Status.WAITLISTED]


def test_a_lapsed_hold_costs_its_holder_not_the_next_person():
    meeting = make_bookable(capacity=1, hold_minutes=30)
    start = timezone.now()
    hold(meeting, "lapser@example.org", "a", now=start)
    waiting = hold(meeting, "patient@example.org", "b", now=start + timedelta(minutes=1))
    assert waiting.status == Status.WAITLISTED

    offered = booking.release_expired(now=start + timedelta(minutes=31))

    assert [b.pk for b in offered] == [waiting.pk]
    # Back again at once: no new hold on this meeting, and behind the others on the list.
    again = hold(meeting, "lapser@example.org", "a", now=start + timedelta(minutes=32))
    assert again.status == Status.WAITLISTED
    third = hold(meeting, "third@example.org", "c", now=start + timedelta(minutes=33))
    booking.cancel(waiting.pk, now=start + timedelta(minutes=34))
    third.refresh_from_db()
    again.refresh_from_db()
    assert (third.status, again.status) == (Status.OFFERED, Status.WAITLISTED)


def test_a_seat_left_free_by_the_bounds_is_offered_when_a_hold_is_confirmed():
    meeting = make_bookable(capacity=2)
    first = hold(meeting, "one@example.org", "a")
    second = hold(meeting, "two@example.org", "b")
    assert (first.status, second.status) == (Status.PENDING, Status.WAITLISTED)

    outcome = booking.confirm(first.pk)

    second.refresh_from_db()
    assert second.status == Status.OFFERED
    assert [b.pk for b in outcome.offered] == [second.pk]
