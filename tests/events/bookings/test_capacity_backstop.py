"""The database's own backstop for seats (PostgreSQL): a deferred trigger that counts the
bookings holding a seat against the capacity at commit, whatever the counter says.

The control shows what a code path that forgot the lock does: it reads the bookable
without locking and writes the counter back from what it read (a lost update), so the
counter drifts below the truth and the check constraint on it never fires. Without the
trigger that overbooks; with it the extra sign-ups are told "full" and nothing is stored.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from events.bookings.services import booking
from events.models import Bookable, Booking
from tests.events.booking_factories import make_bookable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CAPACITY = 5
CLIENTS = 20
ROUNDS = 5


@pytest.fixture
def forgotten_lock(monkeypatch):
    """Sign-ups as a careless code path would make them: no row lock, read-modify-write."""

    def unlocked(pk):
        return Bookable.objects.get(pk=pk)

    def take_seat_from_what_was_read(bookable):
        bookable.seats_taken += 1
        Bookable.objects.filter(pk=bookable.pk).update(seats_taken=bookable.seats_taken)

    monkeypatch.setattr(booking, "_locked_bookable", unlocked)
    monkeypatch.setattr(booking, "_take_seat", take_seat_from_what_was_read)


@pytest.fixture
def without_trigger():
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE events_booking DISABLE TRIGGER booking_within_capacity")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE events_booking ENABLE TRIGGER booking_within_capacity")


def stampede(bookable_id):
    barrier = threading.Barrier(CLIENTS)
    outcomes = [None] * CLIENTS

    def attempt(index):
        try:
            barrier.wait(timeout=30)
            result = booking.sign_up(
                bookable_id, name=f"Volunteer {index}", email=f"v{index}-{bookable_id}@example.org"
            )
            outcomes[index] = result.booking.status
        except booking.BookingError as exc:
            outcomes[index] = exc.code
        except Exception as exc:  # every other failure is an outcome the assertions show
            outcomes[index] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(outcomes)


def held(bookable):
    return Booking.objects.filter(bookable=bookable, status__in=Booking.HOLDS_SEAT).count()


@pytest.mark.slow(reason="threads racing on committed rows (about 6 s)")
def test_control_without_the_trigger_a_forgotten_lock_overbooks(forgotten_lock, without_trigger):
    worst = 0
    for _ in range(ROUNDS):
        shift = make_bookable(capacity=CAPACITY)
        stampede(shift.pk)
        shift.refresh_from_db()
        assert shift.seats_taken <= CAPACITY  # the counter's constraint is satisfied...
        worst = max(worst, held(shift))
    assert worst > CAPACITY  # ...while more people than seats hold a place


@pytest.mark.slow(reason="threads racing on committed rows (about 8 s)")
def test_with_the_trigger_a_forgotten_lock_cannot_overbook(forgotten_lock):
    refused = 0
    for _ in range(ROUNDS):
        shift = make_bookable(capacity=CAPACITY)

        outcomes = stampede(shift.pk)

        assert held(shift) <= CAPACITY
        # Every sign-up got an answer a form can show: a place, the waiting list or "full".
        assert set(outcomes) <= {Booking.Status.PENDING, Booking.Status.WAITLISTED, "full"}
        refused += outcomes["full"]
    assert refused > 0  # the trigger, not luck, held the line


def test_a_drifted_counter_cannot_hand_out_a_seat_that_is_taken():
    shift = make_bookable(capacity=2)
    for index in range(2):  # confirmed: unconfirmed holds may fill only half the places
        taken = booking.sign_up(shift.pk, name="Sam", email=f"s{index}@example.org").booking
        booking.confirm(taken.pk)
    Bookable.objects.filter(pk=shift.pk).update(seats_taken=0)  # the counter drifted

    with pytest.raises(booking.BookingError) as refused:
        booking.sign_up(shift.pk, name="Kim", email="kim@example.org")

    assert refused.value.code == "full"
    assert held(shift) == 2
    assert not Booking.objects.filter(person__email="kim@example.org").exists()


def test_the_locked_path_is_unchanged():
    shift = make_bookable(capacity=1)
    first = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    second = booking.sign_up(shift.pk, name="Kim", email="kim@example.org").booking
    assert (first.status, second.status) == (Booking.Status.PENDING, Booking.Status.WAITLISTED)
