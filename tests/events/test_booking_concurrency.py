"""Many people pressing "sign up" at the same instant, each on their own connection.

PostgreSQL only: SQLite serialises every write transaction, so it cannot show a race.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from events.models import Bookable, Booking
from events.services import booking
from tests.events.booking_factories import make_bookable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 50
CAPACITY = 10
ROUNDS = 20


def stampede(bookable_id, clients=CLIENTS):
    """Start ``clients`` sign-ups together; return their outcomes (status or error name)."""
    barrier = threading.Barrier(clients)
    outcomes = [None] * clients

    def attempt(index):
        try:
            barrier.wait(timeout=30)
            result = booking.sign_up(
                bookable_id, name=f"Volunteer {index}", email=f"v{index}-{bookable_id}@example.org"
            )
            outcomes[index] = result.booking.status
        except Exception as exc:  # every failure is an outcome the assertions will show
            outcomes[index] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(outcomes)


def test_fifty_simultaneous_sign_ups_never_overbook_ten_seats():
    assert connection.vendor == "postgresql"
    for _ in range(ROUNDS):
        shift = make_bookable(capacity=CAPACITY)

        outcomes = stampede(shift.pk)

        assert outcomes == {
            Booking.Status.PENDING: CAPACITY,
            Booking.Status.WAITLISTED: CLIENTS - CAPACITY,
        }
        shift.refresh_from_db()
        assert shift.seats_taken == CAPACITY
        held = Booking.objects.filter(bookable=shift, status__in=Booking.HOLDS_SEAT).count()
        assert held == CAPACITY


def test_control_without_the_lock_the_race_is_real(monkeypatch):
    """Same stampede with the row lock removed: the database constraint has to step in.

    This proves the test above can fail: without the lock, sign-ups read a stale seat count
    and only the check constraint on seats_taken stops an overbooking.
    """
    monkeypatch.setattr(booking, "_locked_bookable", lambda pk: Bookable.objects.get(pk=pk))
    races = 0
    for _ in range(5):
        shift = make_bookable(capacity=CAPACITY)

        outcomes = stampede(shift.pk)

        shift.refresh_from_db()
        assert shift.seats_taken <= CAPACITY  # the constraint still holds the line
        wrong = outcomes[Booking.Status.PENDING] != CAPACITY or set(outcomes) - {
            Booking.Status.PENDING,
            Booking.Status.WAITLISTED,
        }
        races += bool(wrong)
    assert races > 0, "without the lock, no round went wrong: the stampede is not concurrent"
