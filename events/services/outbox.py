"""The one path every mail takes: write a row now, send it from a worker when due.

- ``schedule()`` writes rows inside the caller's transaction (nothing is sent if it rolls
  back) and, after commit, nudges a worker so that "send now" mail does not wait for the
  sweep. If the broker is down the nudge is dropped: the sweep sends the row later.
- ``sweep()`` (beat, every minute) claims due rows with ``SKIP LOCKED`` and enqueues one
  send task each after commit. Rows stuck in "sending" (a worker died) are reclaimed.
- ``send()`` (the task) locks its row and does nothing unless it is still owed, so a
  redelivered or duplicated task cannot send twice. Temporary SMTP failures back off
  exponentially through ``due_at``, never through long Celery ETAs.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from events.models import OutboxMessage
from events.services import heartbeat

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status

SWEEP_HEARTBEAT = "outbox-sweep"
SWEEP_BATCH = 2000
# Rows per send task: fewer, larger messages on the broker; each row still gets its own
# transaction, so a worker killed mid-task re-sends at most the one mail in flight.
SEND_CHUNK = 50
# A row claimed longer ago than this is assumed lost with its worker and sent again.
STUCK_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP = timedelta(hours=2)


@dataclass(frozen=True)
class Mail:
    """What to write to the outbox: who, why, about what, and when."""

    recipient: str
    purpose: str
    target_key: str
    due_at: object = None
    recipient_name: str = ""
    schedule_version: int = 0
    booking: object = None
    payload: dict | None = None


def schedule(*mails, now=None):
    """Write outbox rows in the current transaction; a duplicate mail is silently skipped."""
    now = now or timezone.now()
    created = []
    for mail in mails:
        row = OutboxMessage(
            recipient=mail.recipient,
            recipient_name=mail.recipient_name,
            purpose=mail.purpose,
            target_key=mail.target_key,
            schedule_version=mail.schedule_version,
            booking=mail.booking,
            payload=mail.payload or {},
            due_at=mail.due_at or now,
        )
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # this exact mail is already owed or sent
            continue
        created.append(row)
    due_now = [row.pk for row in created if row.due_at <= now]
    if due_now:
        transaction.on_commit(lambda: _enqueue(due_now))
    return created


def cancel_scheduled(rows_filter):
    """Withdraw mail that is no longer owed (e.g. reminders of a cancelled booking)."""
    return OutboxMessage.objects.filter(rows_filter, status=Status.SCHEDULED).update(
        status=Status.CANCELLED
    )


def sweep(now=None, batch=SWEEP_BATCH):
    """Claim due rows (and rows lost with a dead worker) and enqueue their sends."""
    now = now or timezone.now()
    with transaction.atomic():
        claimable = Q(status=Status.SCHEDULED, due_at__lte=now) | Q(
            status=Status.SENDING, claimed_at__lte=now - STUCK_AFTER
        )
        ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(claimable)
            .order_by("due_at")
            .values_list("pk", flat=True)[:batch]
        )
        if ids:
            OutboxMessage.objects.filter(pk__in=ids).update(status=Status.SENDING, claimed_at=now)
            transaction.on_commit(lambda: _enqueue(ids))
    heartbeat.record(SWEEP_HEARTBEAT, now=now)
    return ids


def _enqueue(ids):
    from events.tasks import send_outbox_messages

    for start in range(0, len(ids), SEND_CHUNK):
        try:
            send_outbox_messages.delay(ids[start : start + SEND_CHUNK])
        except Exception:  # broker unreachable: hand the rest back to the next sweep
            unsent = ids[start:]
            OutboxMessage.objects.filter(pk__in=unsent, status=Status.SENDING).update(
                status=Status.SCHEDULED, claimed_at=None
            )
            logger.warning("Broker unreachable: %d mail(s) left for the next sweep", len(unsent))
            return


def send(pk, compose, now=None):
    """Send one row if it is still owed. ``compose(row)`` builds the message or returns
    None when the mail no longer makes sense (e.g. the shift has started)."""
    now = now or timezone.now()
    with transaction.atomic():
        _relax_commit_durability()
        # One query locks the row and loads what the mail is about.
        row = (
            OutboxMessage.objects.select_for_update(of=("self",))
            .select_related("booking__bookable", "booking__person")
            .filter(pk=pk)
            .first()
        )
        if row is None or row.status not in (Status.SCHEDULED, Status.SENDING):
            return row
        if row.due_at > now:
            return row
        message = compose(row)
        if message is None:
            row.status = Status.SKIPPED
            row.save(update_fields=["status"])
            return row
        row.attempts += 1
        try:
            message.send(fail_silently=False)
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            _record_failure(row, exc, now)
        else:
            row.status = Status.SENT
            row.sent_at = now
            row.last_error = ""
        row.save(update_fields=["status", "attempts", "sent_at", "last_error", "due_at"])
    return row


def _relax_commit_durability():
    """On PostgreSQL, let this transaction's commit return before its WAL is on disk.

    Waiting for the disk on every sent mail caps a worker at a few hundred mails a second.
    If the database itself crashes, the last fraction of a second of "sent" marks can be
    lost and those mails go out again: the same duplicate window as a worker killed after
    the SMTP call, and far rarer. The row lock and the status check are unaffected.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _record_failure(row, exc, now):
    row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if is_temporary(exc) and row.attempts < MAX_ATTEMPTS:
        delay = timedelta(seconds=BACKOFF_BASE_SECONDS * 2 ** (row.attempts - 1))
        row.status = Status.SCHEDULED
        row.due_at = now + min(delay, BACKOFF_CAP)
        logger.warning("Mail %s failed (attempt %d), retrying: %s", row.pk, row.attempts, exc)
    else:
        row.status = Status.FAILED
        logger.error("Mail %s failed for good after %d attempts: %s", row.pk, row.attempts, exc)


def is_temporary(exc):
    """SMTP 4xx replies and network trouble are worth retrying; 5xx replies are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError))


def retry(pk, now=None):
    """A person decided to try a failed mail again (from the admin)."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(pk=pk, status=Status.FAILED).update(
        status=Status.SCHEDULED, due_at=now, last_error=""
    )


def cancel(pk):
    return OutboxMessage.objects.filter(pk=pk, status__in=[Status.FAILED, Status.SCHEDULED]).update(
        status=Status.CANCELLED
    )


def overdue_count(now=None, grace=timedelta(minutes=5)):
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        status__in=[Status.SCHEDULED, Status.SENDING], due_at__lte=now - grace
    ).count()
