"""Test-only app for the control nodes of tests/campaign/test_two_nodes.py: the seat engine
as a careless code path would run it, so the test can show the race it guards against.

tests/support/node_settings.py installs it only when the test asks (an environment
variable). Once apps are loaded it swaps ``booking._locked_bookable`` for a plain read and
``booking._take_seat`` for a write-back of what was read (a lost update, as in
tests/events/bookings/test_capacity_backstop.py), so concurrent sign-ups on different
nodes all see free seats. ``TAPESTRY_TEST_SEAT_RACE_SECONDS`` widens the window between
the checks (seats left, unconfirmed holds) and the write.
"""

import time

from django.apps import AppConfig
from django.conf import settings


class ForgottenSeatLock(AppConfig):
    name = "tests.support.forgotten_seat_lock"
    label = "forgotten_seat_lock"

    def ready(self):
        from events.bookings.services import booking
        from events.models import Bookable

        pause = settings.TAPESTRY_TEST_SEAT_RACE_SECONDS

        def unlocked(pk):
            return Bookable.objects.get(pk=pk)

        def take_seat_from_what_was_read(bookable):
            time.sleep(pause)  # after every check, before the write and the commit
            bookable.seats_taken += 1
            Bookable.objects.filter(pk=bookable.pk).update(seats_taken=bookable.seats_taken)

        booking._locked_bookable = unlocked
        booking._take_seat = take_seat_from_what_was_read
