"""Two coordinators (or one flaky phone retrying) tap "check in" for the same person at the
same instant, each on its own connection: exactly one tap checks them in.

PostgreSQL only: SQLite serialises every write transaction, so it cannot show a race.
"""

import threading
from datetime import time

import pytest
from django.db import connections, transaction
from django.utils import timezone

from events.bookings.services import booking, checkin
from events.models import Booking, Shift
from tests.events import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 10


def open_shift():
    event = factories.event(
        title="Open day",
        slug="open-day",
        start_date=timezone.localdate(),
        start_time=time(0, 0),
        end_time=time(23, 59),
        shifts=[factories.shift(role="Door", start_time=time(0, 0), end_time=time(23, 59))],
    )
    shift = Shift.objects.get(event=event)
    outcome = booking.add_by_hand(shift.pk, name="Amara", email="amara@example.org")
    return outcome.booking.pk


def naive_tap(booking_id, barrier):
    """The control: read, decide, write, with no guard, both taps paused between."""
    with transaction.atomic():
        row = Booking.objects.get(pk=booking_id)
        changed = row.attendance != Booking.Attendance.ATTENDED
        barrier.wait(timeout=10)
        row.attendance = Booking.Attendance.ATTENDED
        row.save(update_fields=["attendance"])
    return changed


def guarded_tap(booking_id, barrier):
    barrier.wait(timeout=10)
    return checkin.tap(booking_id, True).changed


def two_taps(tap, booking_id):
    barrier = threading.Barrier(2)
    results = [None, None]

    def run(index):
        try:
            results[index] = tap(booking_id, barrier)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_concurrent_taps_check_someone_in_exactly_once():
    booking_id = open_shift()
    for _ in range(ROUNDS):
        Booking.objects.filter(pk=booking_id).update(attendance="")
        assert sorted(two_taps(guarded_tap, booking_id)) == [False, True]
        assert Booking.objects.get(pk=booking_id).attendance == "attended"


def test_control_without_the_guard_both_taps_believe_they_checked_in():
    booking_id = open_shift()
    # Both read "not in" before either writes: each would count a check-in.
    assert two_taps(naive_tap, booking_id) == [True, True]
