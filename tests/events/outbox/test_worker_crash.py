"""A whole worker killed mid-task (SIGKILL, no acknowledgement): how long its mail waits.

The replacement worker (what the process manager starts) gets the mail either from Redis,
which redelivers the unacknowledged task after its visibility timeout, or from the sweep,
which reclaims the claimed row after the same ``TAPESTRY_REDELIVERY_SECONDS``.
"""

import time
import uuid

import pytest
from django.conf import settings

from events.bookings.services import booking
from events.models import OutboxMessage
from tests.events.booking_factories import make_bookable
from tests.support.worker import celery_worker, group_alive, sent_mail_files

pytestmark = [pytest.mark.redis, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
REDELIVERY_SECONDS = 10
ENV = {
    "TAPESTRY_SWEEP_SECONDS": "1",
    "TAPESTRY_HEARTBEAT_SECONDS": "1",
    "TAPESTRY_REDELIVERY_SECONDS": str(REDELIVERY_SECONDS),
    "EMAIL_BACKEND": "tests.support.mail_backends.DyingEmailBackend",
}


def test_mail_of_a_killed_worker_is_sent_within_the_redelivery_delay(tmp_path):
    queue = f"test-{uuid.uuid4().hex}"
    (tmp_path / "die-before-send").touch()  # the solo worker kills itself, beat and all
    booking.sign_up(make_bookable().pk, name="Sam", email="sam@example.org")
    row = OutboxMessage.objects.get()

    with celery_worker(
        tmp_path, broker_url=settings.REDIS_URL, queue=queue, beat=True, extra_env=ENV
    ) as first:
        first.process.wait(timeout=90)
    killed_at = time.monotonic()
    assert not (tmp_path / "die-before-send").exists()  # it died in the send task
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.SENDING

    with celery_worker(
        tmp_path, broker_url=settings.REDIS_URL, queue=queue, beat=True, extra_env=ENV
    ) as second:
        second.wait_for(
            lambda: OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).exists(),
            timeout=120,
        )
    waited = time.monotonic() - killed_at

    print(f"mail of the killed worker sent {waited:.1f} s after the kill")
    # The redelivery delay, plus the new worker's start-up and one sweep or restore look;
    # before, the reclaim waited ten minutes and Redis an hour.
    assert waited < REDELIVERY_SECONDS + 45
    assert len(sent_mail_files(tmp_path)) == 1
    # Nothing of either worker is left running: the first one's beat (a child that
    # outlived its worker) once kept sending for minutes after the test.
    assert not group_alive(first.process.pid)
    assert not group_alive(second.process.pid)
