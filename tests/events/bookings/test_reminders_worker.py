"""Reminders end to end with a real worker, its beat and Redis, moving time forward.

The worker's clock is moved by tests/support/worker_clock.py (time-machine inside the
worker process), so the sweep, the "still owed?" checks and the send all run at the
travelled time, as they would on the day.
"""

import uuid
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from events.bookings.services import booking
from events.core.services import heartbeat
from events.models import Bookable, OutboxMessage
from events.outbox.services import outbox
from tests.support.worker import celery_worker, sent_mail_files

pytestmark = [pytest.mark.redis, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
# Monday 29 March 2027, 10:00 BST. The clocks went forward on Sunday 28 March at 01:00 UTC,
# between the two reminders.
START = datetime(2027, 3, 29, 10, 0, tzinfo=LONDON)
SIGNED_UP = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)


def set_clock(path, instant):
    path.write_text(instant.astimezone(UTC).isoformat())


def swept_at_or_after(instant):
    """True once a sweep has run with the worker's clock at ``instant`` or later."""
    last = heartbeat.status(outbox.SWEEP_HEARTBEAT).last_seen
    return last is not None and last >= instant


def sent(purpose):
    return list(OutboxMessage.objects.filter(purpose=purpose, status="sent"))


def test_both_reminders_go_once_at_the_right_instants_across_the_clock_change(tmp_path):
    clock = tmp_path / "clock"
    set_clock(clock, SIGNED_UP)
    shift = Bookable.objects.create(
        title="Welcome desk: Spring fair",
        time_zone="Europe/London",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        capacity=4,
    )
    with time_machine.travel(SIGNED_UP, tick=True):
        pending = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
        booking.confirm(pending.pk)

    reminders = OutboxMessage.objects.filter(purpose="booking_reminder").order_by("due_at")
    first, second = (row.due_at for row in reminders)
    # 48 hours before 10:00 BST on Monday is 09:00 GMT on Saturday, before the change:
    # reminders count elapsed hours, not wall-clock ones.
    assert first == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)
    assert second == datetime(2027, 3, 29, 6, 0, tzinfo=UTC)

    env = {
        "TAPESTRY_TEST_CLOCK": str(clock),
        "TAPESTRY_SWEEP_SECONDS": "1",
        "TAPESTRY_HEARTBEAT_SECONDS": "1",
    }
    with celery_worker(
        tmp_path,
        broker_url=settings.REDIS_URL,
        queue=f"test-{uuid.uuid4().hex}",
        beat=True,
        extra_env=env,
        include=["tests.support.worker_clock"],
    ) as running:
        running.wait_for(lambda: sent("booking_confirmed"), timeout=60)

        # A minute before the first reminder is due: a sweep runs, nothing goes.
        set_clock(clock, first - timedelta(minutes=1))
        running.wait_for(lambda: swept_at_or_after(first - timedelta(minutes=1)), timeout=30)
        assert sent("booking_reminder") == []

        set_clock(clock, first + timedelta(seconds=5))
        [early] = running.wait_for(lambda: sent("booking_reminder"), timeout=30)
        assert first <= early.sent_at < first + timedelta(minutes=1)

        # Across the clock change to three hours before the start.
        set_clock(clock, second + timedelta(seconds=5))
        running.wait_for(lambda: len(sent("booking_reminder")) == 2, timeout=30)

        # After the start: more sweeps, and no third reminder nor a repeat.
        after = START.astimezone(UTC) + timedelta(hours=1)
        set_clock(clock, after)
        running.wait_for(lambda: swept_at_or_after(after + timedelta(seconds=2)), timeout=30)

    late = next(row for row in sent("booking_reminder") if row.due_at == second)
    assert second <= late.sent_at < second + timedelta(minutes=1)
    assert OutboxMessage.objects.filter(purpose="booking_reminder").count() == 2
    messages = [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sent_mail_files(tmp_path)
    ]
    subjects = sorted(message["Subject"] for message in messages)
    assert subjects == [
        "Reminder: Welcome desk: Spring fair, Monday 29 March 2027, 10:00 to 13:00 BST",
        "Reminder: Welcome desk: Spring fair, Monday 29 March 2027, 10:00 to 13:00 BST",
        "You are booked: Welcome desk: Spring fair",
    ]
