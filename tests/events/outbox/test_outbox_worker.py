"""The outbox with real processes: Redis, a Celery worker with beat, and faults.

Each test writes rows as the web process would; the worker's own beat sweeps every second
and its send tasks travel through Redis. Mail lands as .eml files in the worker's folder.
"""

import uuid
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.conf import settings

from campaign.celery import app
from events.bookings.services import booking
from events.models import Booking, OutboxMessage
from tests.events.booking_factories import make_bookable
from tests.support.worker import celery_worker, sent_mail_files

pytestmark = [pytest.mark.redis, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
Status = OutboxMessage.Status
FAST_BEAT = {"TAPESTRY_SWEEP_SECONDS": "1", "TAPESTRY_HEARTBEAT_SECONDS": "1"}


def worker(tmp_path, **kwargs):
    return celery_worker(
        tmp_path,
        broker_url=settings.REDIS_URL,
        queue=f"test-{uuid.uuid4().hex}",
        beat=True,
        **kwargs,
    )


def row_sent(purpose="booking_pending"):
    return OutboxMessage.objects.filter(purpose=purpose, status=Status.SENT).first()


def test_confirmation_mail_is_sent_by_a_real_worker(tmp_path):
    shift = make_bookable(title="Welcome desk")
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org")

    with worker(tmp_path, extra_env=FAST_BEAT) as running:
        row = running.wait_for(row_sent, timeout=60)

    [eml] = sent_mail_files(tmp_path)
    message = message_from_bytes(eml.read_bytes())
    assert message["Subject"] == "Please confirm your place: Welcome desk"
    assert message["Message-ID"].startswith(f"<outbox-{row.public_id}@")
    assert row.attempts == 1


def test_reminder_is_sent_once_when_due(tmp_path):
    shift = make_bookable(starts_in=timedelta(hours=3, seconds=4), reminder_hours="3")
    pending = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    booking.confirm(pending.pk)

    with worker(tmp_path, extra_env=FAST_BEAT) as running:
        reminder = running.wait_for(lambda: row_sent("booking_reminder"), timeout=60)
        running.wait_for(lambda: len(sent_mail_files(tmp_path)) >= 2, timeout=30)

    subjects = [message_from_bytes(f.read_bytes())["Subject"] for f in sent_mail_files(tmp_path)]
    assert sorted(subject.split(":")[0] for subject in subjects) == ["Reminder", "You are booked"]
    assert reminder.sent_at >= reminder.due_at
    # Confirmed before the worker got to it: "please confirm" no longer makes sense.
    assert OutboxMessage.objects.get(purpose="booking_pending").status == Status.SKIPPED


def test_worker_killed_before_the_smtp_call_sends_once_after_redelivery(tmp_path):
    (tmp_path / "die-before-send").touch()
    booking.sign_up(make_bookable().pk, name="Sam", email="sam@example.org")

    env = {**FAST_BEAT, "EMAIL_BACKEND": "tests.support.mail_backends.DyingEmailBackend"}
    with worker(tmp_path, extra_env=env, pool="prefork") as running:
        running.wait_for(row_sent, timeout=90)
        log = running.log(tail=20000)

    assert not (tmp_path / "die-before-send").exists()  # the kill really happened
    assert "SIGKILL" in log or "signal 9" in log
    assert len(sent_mail_files(tmp_path)) == 1


def test_worker_killed_after_the_smtp_call_is_the_documented_duplicate_window(tmp_path):
    """The mail left, but the worker died before recording it. It is sent again, with the
    same Message-ID, so receiving servers and mail clients can drop the copy."""
    (tmp_path / "die-after-send").touch()
    booking.sign_up(make_bookable().pk, name="Sam", email="sam@example.org")

    env = {**FAST_BEAT, "EMAIL_BACKEND": "tests.support.mail_backends.DyingEmailBackend"}
    with worker(tmp_path, extra_env=env, pool="prefork") as running:
        running.wait_for(row_sent, timeout=90)

    copies = [message_from_bytes(f.read_bytes()) for f in sent_mail_files(tmp_path)]
    assert len(copies) == 2
    assert copies[0]["Message-ID"] == copies[1]["Message-ID"]


def test_broker_down_at_sign_up_keeps_the_booking_and_mails_later(
    tmp_path, django_capture_on_commit_callbacks
):
    shift = make_bookable()
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # nothing listens there
    try:
        with django_capture_on_commit_callbacks(execute=True):
            booking.sign_up(shift.pk, name="Sam", email="sam@example.org")
    finally:
        app.conf.broker_url = original

    assert Booking.objects.get().status == Booking.Status.PENDING
    assert OutboxMessage.objects.get().status == Status.SCHEDULED

    with worker(tmp_path, extra_env=FAST_BEAT) as running:  # the broker is back
        running.wait_for(row_sent, timeout=60)
    assert len(sent_mail_files(tmp_path)) == 1
