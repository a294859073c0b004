"""The one path every mail takes: write a row now, send it from a worker when due.

- ``schedule()`` writes rows inside the caller's transaction (nothing is sent if it rolls
  back) and, after commit, nudges a worker so that "send now" mail does not wait for the
  sweep. If the broker is down the nudge is dropped: the sweep sends the row later.
- ``sweep()`` (beat, every minute) claims due rows with ``SKIP LOCKED`` and enqueues one
  send task each after commit. Rows stuck in "sending" (a worker died) are reclaimed
  after ``TAPESTRY_REDELIVERY_SECONDS``, the same delay after which Redis redelivers the
  dead worker's task.
- ``send()`` (the task) locks its row and does nothing unless it is still owed, so a
  redelivered or duplicated task cannot send twice. Temporary SMTP failures back off
  exponentially through ``due_at``, never through long Celery ETAs.
"""

import contextlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from events.core.services import heartbeat
from events.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status

SWEEP_HEARTBEAT = "outbox-sweep"
SWEEP_BATCH = 2000
# Rows per send task: fewer, larger messages on the broker; each row still gets its own
# transaction, so a worker killed mid-task re-sends at most the one mail in flight.
SEND_TASK = "events.tasks.send_outbox_messages"
SEND_CHUNK = 50
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


def stuck_after():
    """A row claimed longer ago than this is assumed lost with its worker and sent again."""
    return timedelta(seconds=settings.TAPESTRY_REDELIVERY_SECONDS)


def sweep(now=None, batch=SWEEP_BATCH):
    """Claim due rows (and rows lost with a dead worker) and enqueue their sends."""
    now = now or timezone.now()
    with transaction.atomic():
        claimable = Q(status=Status.SCHEDULED, due_at__lte=now) | Q(
            status=Status.SENDING, claimed_at__lte=now - stuck_after()
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
    for start in range(0, len(ids), SEND_CHUNK):
        try:
            # By the task's name: the task (events.tasks) composes mail from the rooms above.
            current_app.signature(SEND_TASK, args=(ids[start : start + SEND_CHUNK],)).delay()
        except Exception:  # broker unreachable: hand the rest back to the next sweep
            unsent = ids[start:]
            OutboxMessage.objects.filter(pk__in=unsent, status=Status.SENDING).update(
                status=Status.SCHEDULED, claimed_at=None
            )
            logger.warning("Broker unreachable: %d mail(s) left for the next sweep", len(unsent))
            return


def send(pk, compose, now=None):
    """Send one row if it is still owed; see ``send_many``."""
    rows = send_many([pk], compose, now=now)
    return rows[0] if rows else None


def send_many(ids, compose, now=None, commit_every=None):
    """Send each row that is still owed. ``compose(row)`` builds the message or returns
    None when the mail no longer makes sense (e.g. the shift has started).

    Rows are locked and their new state committed ``commit_every`` at a time
    (``TAPESTRY_OUTBOX_COMMIT_EVERY``): a redelivered or duplicated task waits for the lock
    and then finds them sent. Committing a group at once saves most of the database round
    trips per mail; the price is the duplicate window: a worker killed after the mail
    server accepted some mails of a group, but before the commit, sends those again
    (at most ``commit_every``, each with its stable Message-ID).
    """
    commit_every = commit_every or settings.TAPESTRY_OUTBOX_COMMIT_EVERY
    ids = list(ids)
    rows = []
    sender = _MailConnection()
    try:
        for start in range(0, len(ids), commit_every):
            group = ids[start : start + commit_every]
            rows += _send_group(group, compose, now or timezone.now(), sender)
    finally:
        sender.close()
    return rows


def _send_group(ids, compose, now, sender):
    with transaction.atomic():
        _relax_commit_durability()
        # One query locks the rows and loads what the mails are about.
        rows = list(
            OutboxMessage.objects.select_for_update(of=("self",))
            .select_related("booking__bookable", "booking__person")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        sent, skipped = [], []
        for row in rows:
            if row.status not in (Status.SCHEDULED, Status.SENDING) or row.due_at > now:
                continue
            message = compose(row)
            if message is None:
                row.status = Status.SKIPPED
                skipped.append(row.pk)
                continue
            row.attempts += 1
            try:
                sender.send(message)
            except (TimeoutError, smtplib.SMTPException, OSError) as exc:
                _record_failure(row, exc, now)
                row.save(update_fields=["status", "attempts", "last_error", "due_at"])
            else:
                row.status, row.sent_at, row.last_error = Status.SENT, now, ""
                sent.append(row.pk)
        # The common outcomes in one statement each (bulk_update's CASE costs more
        # to build than the mails took to send).
        if sent:
            OutboxMessage.objects.filter(pk__in=sent).update(
                status=Status.SENT, sent_at=now, last_error="", attempts=F("attempts") + 1
            )
        if skipped:
            OutboxMessage.objects.filter(pk__in=skipped).update(status=Status.SKIPPED)
    return rows


class _MailConnection:
    """One mail-server connection for a whole task, opened on first use and replaced
    after a failure (a dropped SMTP session cannot be reused)."""

    def __init__(self):
        self._connection = None

    def send(self, message):
        if self._connection is None:
            self._connection = get_connection()
            self._connection.open()
        message.connection = self._connection
        try:
            message.send(fail_silently=False)
        except Exception:
            self.close()
            raise

    def close(self):
        if self._connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):  # already gone
                self._connection.close()
            self._connection = None


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


def oldest_owed_age(now=None):
    """Seconds the longest-waiting due mail has been owed (0 when none is): while beat
    sweeps, a worker sends and the broker carries, this stays near the sweep interval."""
    now = now or timezone.now()
    oldest = (
        OutboxMessage.objects.filter(status__in=[Status.SCHEDULED, Status.SENDING], due_at__lte=now)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    return round((now - oldest).total_seconds(), 1) if oldest else 0.0
