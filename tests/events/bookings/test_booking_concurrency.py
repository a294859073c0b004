"""Many people pressing "sign up" at the same instant, each on their own connection.

PostgreSQL only: SQLite serialises every write transaction, so it cannot show a race.
"""

import threading
from collections import Counter
from datetime import date, time, timedelta

import pytest
from django.db import connection, connections

from events.bookings.services import booking, registrations
from events.models import Bookable, Booking, Registration, Shift
from tests.events import factories
from tests.events.booking_factories import make_bookable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 50
CAPACITY = 10
ROUNDS = 20


def volunteer_shift(capacity):
    """A shift as volunteers meet it: published from an event page, with a requirement."""
    event = factories.event(
        title="Spring fair",
        slug=f"spring-fair-{Shift.objects.count()}",
        start_date=date.today() + timedelta(days=20),
        shifts=[
            {
                "role": "Welcome desk",
                "start_time": time(9, 0),
                "end_time": time(12, 0),
                "capacity": capacity,
                "requirements": "I am 18 or over",
            }
        ],
    )
    return Shift.objects.get(event=event)


def event_registration(capacity):
    """Places at an event as attendees meet them: registration switched on in the page."""
    event = factories.event(
        title="Calm breathing",
        slug=f"calm-breathing-{Registration.objects.count()}",
        start_date=date.today() + timedelta(days=20),
        registration_mode="open",
        registration_capacity=capacity,
    )
    return registrations.registration_for(event, registrations.meeting(event), create=True)


KINDS = {"bookable": make_bookable, "shift": volunteer_shift, "registration": event_registration}


@pytest.fixture(params=sorted(KINDS))
def make(request):
    """Every kind of bookable the engine serves gets the same stampede."""
    return lambda: KINDS[request.param](capacity=CAPACITY)


def stampede(bookable_id, clients=CLIENTS):
    """Start ``clients`` sign-ups together; return their outcomes (status or error name)."""
    confirmations = booking.required_confirmations(Bookable.objects.get(pk=bookable_id))
    barrier = threading.Barrier(clients)
    outcomes = [None] * clients

    def attempt(index):
        try:
            barrier.wait(timeout=30)
            result = booking.sign_up(
                bookable_id,
                name=f"Volunteer {index}",
                email=f"v{index}-{bookable_id}@example.org",
                confirmations=confirmations,
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


@pytest.mark.slow
@pytest.mark.serial  # fifty threads racing, each given a minute: alone, the limit holds
def test_fifty_simultaneous_sign_ups_never_overbook_ten_seats(make, settings):
    assert connection.vendor == "postgresql"
    # Every seat may be held unconfirmed here: the race on the seats is the point.
    settings.TAPESTRY_HOLDS_PER_BOOKABLE_SHARE = 1
    for _ in range(ROUNDS):
        shift = make()

        outcomes = stampede(shift.pk)

        assert outcomes == {
            Booking.Status.PENDING: CAPACITY,
            Booking.Status.WAITLISTED: CLIENTS - CAPACITY,
        }
        shift.refresh_from_db()
        assert shift.seats_taken == CAPACITY
        held = Booking.objects.filter(bookable=shift, status__in=Booking.HOLDS_SEAT).count()
        assert held == CAPACITY


@pytest.mark.slow(reason="five stampedes of threads on PostgreSQL with the lock removed (10-15 s)")
def test_control_without_the_lock_the_race_is_real(monkeypatch, make):
    """Same stampede with the row lock removed: the database constraint has to step in.

    This proves the test above can fail: without the lock, sign-ups read a stale seat count
    and only the check constraint on seats_taken stops an overbooking.
    """
    monkeypatch.setattr(booking, "_locked_bookable", lambda pk: Bookable.objects.get(pk=pk))
    races = 0
    for _ in range(5):
        shift = make()

        outcomes = stampede(shift.pk)

        shift.refresh_from_db()
        assert shift.seats_taken <= CAPACITY  # the constraint still holds the line
        wrong = outcomes[Booking.Status.PENDING] != CAPACITY or set(outcomes) - {
            Booking.Status.PENDING,
            Booking.Status.WAITLISTED,
        }
        races += bool(wrong)
    assert races > 0, "without the lock, no round went wrong: the stampede is not concurrent"
