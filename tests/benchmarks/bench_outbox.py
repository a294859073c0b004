"""How fast one worker sweeps and sends due reminders (issue target: 100,000 in <= 60 s).

The sweep and the send tasks run in this process through Celery's task machinery (`apply`,
no broker round trip), sending to Django's in-memory mail backend. Three phases over the
same rows, side by side: one database commit per mail, one per group of
TAPESTRY_OUTBOX_COMMIT_EVERY mails, and that with two sending processes (as a worker
started with --concurrency=2 would). Also reported: queries per sweep batch at the start
and the end of the run, which must not grow as batches go by.
"""

import math
import os
import statistics
from datetime import timedelta

from _setup import bench_database, django_setup, print_table, stopwatch, tiny

django_setup()

from django.conf import settings  # noqa: E402
from django.core import mail as django_mail  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import Bookable, Booking, OutboxMessage, Person  # noqa: E402
from events.outbox.services import outbox  # noqa: E402
from events.tasks import send_outbox_messages  # noqa: E402

REMINDERS = int(os.environ.get("BENCH_REMINDERS", 400 if tiny() else 100_000))
BOOKABLES = 20 if tiny() else 500


def make_due_reminders(now):
    starts = now + timedelta(hours=2)
    bookables = Bookable.objects.bulk_create(
        Bookable(
            title=f"Welcome desk {i}",
            location="Riverside Hall",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            capacity=REMINDERS,
            time_zone="Europe/London",
        )
        for i in range(BOOKABLES)
    )
    people = Person.objects.bulk_create(
        Person(
            name=f"Volunteer {i}",
            email=f"v{i}@example.org",
            email_key=f"v{i}@example.org",
            consent_at=now,
            consent_text_version="bench",
        )
        for i in range(REMINDERS)
    )
    bookings = Booking.objects.bulk_create(
        Booking(
            bookable=bookables[i % BOOKABLES],
            person=person,
            status=Booking.Status.CONFIRMED,
            created_at=now,
            confirmed_at=now,
        )
        for i, person in enumerate(people)
    )
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            recipient=b.person.email,
            recipient_name=b.person.name,
            purpose="booking_reminder",
            target_key=f"booking:{b.pk}:10800",
            booking=b,
            due_at=now - timedelta(seconds=1),
        )
        for b in bookings
    )


def reset(now):
    """Every reminder due again, as if nothing had been sent: the next phase starts equal."""
    OutboxMessage.objects.update(
        status=OutboxMessage.Status.SCHEDULED,
        attempts=0,
        sent_at=None,
        claimed_at=None,
        due_at=now - timedelta(seconds=1),
    )
    django_mail.outbox = []


def drain():
    """Sweep and send until nothing is due; queries per sweep and seconds per send task."""
    sweep_queries, task_seconds = [], []
    while True:
        with CaptureQueriesContext(connection) as queries:
            ids = outbox.sweep()
        if not ids:
            break
        sweep_queries.append(len(queries))
        for start in range(0, len(ids), outbox.SEND_CHUNK):
            with stopwatch() as one:
                send_outbox_messages.apply(args=[ids[start : start + outbox.SEND_CHUNK]])
            task_seconds.append(one["seconds"])
    return sweep_queries, task_seconds


def phase(now, commit_every, processes=1):
    """Send every reminder with ``processes`` sending processes; returns mails per second."""
    reset(now)
    settings.TAPESTRY_OUTBOX_COMMIT_EVERY = commit_every
    with stopwatch() as total:
        if processes == 1:
            sweep_queries, task_seconds = drain()
        else:
            connections.close_all()  # each child opens its own
            children = []
            for _ in range(processes):
                pid = os.fork()
                if pid == 0:  # a child: sweeps with SKIP LOCKED beside its siblings
                    try:
                        drain()
                    finally:
                        os._exit(0)
                children.append(pid)
            for pid in children:
                os.waitpid(pid, 0)
            sweep_queries, task_seconds = [], []
    sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count()
    assert sent == REMINDERS, (sent, REMINDERS)
    if processes == 1:
        assert len(django_mail.outbox) == REMINDERS, len(django_mail.outbox)
        # The first sweep also creates its heartbeat row; after that the count is flat.
        assert max(sweep_queries[1:] or [0]) <= sweep_queries[0], "queries per sweep grew"
    return REMINDERS / total["seconds"], sweep_queries, task_seconds


def _or_skipped(value, template):
    return "skipped: needs PostgreSQL" if math.isnan(value) else template.format(value)


def main():
    with bench_database("outbox"):
        now = timezone.now()
        make_due_reminders(now)
        grouped = settings.TAPESTRY_OUTBOX_COMMIT_EVERY
        one_by_one, _, _ = phase(now, commit_every=1)
        rate, sweep_queries, task_seconds = phase(now, commit_every=grouped)
        # SQLite takes one writer at a time: two processes would only queue on its lock.
        parallel = connection.vendor == "postgresql"
        two = phase(now, commit_every=grouped, processes=2)[0] if parallel else float("nan")
        rows = [
            ["mails per second, one commit per mail", f"{one_by_one:,.0f}"],
            [f"mails per second, one commit per {grouped} mails", f"{rate:,.0f}"],
            ["  ratio to one commit per mail", f"{rate / one_by_one:.2f}x"],
            [f"mails per second, 2 processes, {grouped} per commit", _or_skipped(two, "{:,.0f}")],
            ["  ratio to one process", _or_skipped(two / rate, "{:.2f}x")],
            ["sweep batches", len(sweep_queries)],
            ["queries, first sweep batch", sweep_queries[0]],
            ["queries, last sweep batch", sweep_queries[-1]],
            [
                f"median ms per send task ({outbox.SEND_CHUNK} mails)",
                f"{statistics.median(task_seconds) * 1000:.1f}",
            ],
            ["projected seconds for 100,000, one process (target 60)", f"{100_000 / rate:.0f}"],
            ["projected seconds for 100,000, two processes", _or_skipped(100_000 / two, "{:.0f}")],
        ]
        print_table(
            f"Outbox: {REMINDERS:,} due reminders ({connection.vendor}, {os.cpu_count()} CPUs)",
            ["measure", "value"],
            rows,
        )


if __name__ == "__main__":
    main()
