"""How fast one worker sweeps and sends due reminders (issue target: 100,000 in <= 60 s).

The sweep and the send tasks run in this one process through Celery's task machinery
(`apply`, no broker round trip), sending to Django's in-memory mail backend. Reported:
mails per second, and queries per sweep batch at the start and the end of the run, which
must not grow as batches go by.
"""

import os
import statistics
from datetime import timedelta

from _setup import bench_database, django_setup, print_table, stopwatch, tiny

django_setup()

from django.core import mail as django_mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import Bookable, Booking, OutboxMessage, Person  # noqa: E402
from events.services import outbox  # noqa: E402
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


def main():
    with bench_database("outbox"):
        now = timezone.now()
        make_due_reminders(now)
        sweep_queries, task_seconds = [], []
        with stopwatch() as total:
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
        sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count()
        assert sent == REMINDERS == len(django_mail.outbox), (sent, len(django_mail.outbox))
        rate = REMINDERS / total["seconds"]
        print_table(
            f"Outbox: {REMINDERS:,} due reminders, one process ({connection.vendor})",
            ["measure", "value"],
            [
                ["total seconds", f"{total['seconds']:.1f}"],
                ["mails per second", f"{rate:,.0f}"],
                ["sweep batches", len(sweep_queries)],
                ["queries, first sweep batch", sweep_queries[0]],
                ["queries, last sweep batch", sweep_queries[-1]],
                [
                    f"median ms per send task ({outbox.SEND_CHUNK} mails)",
                    f"{statistics.median(task_seconds) * 1000:.1f}",
                ],
                [
                    "projected seconds for 100,000 (target 60)",
                    f"{100_000 / rate:.0f}",
                ],
            ],
        )
        # The first sweep also creates its heartbeat row; after that the count is flat.
        assert max(sweep_queries[1:] or [0]) <= sweep_queries[0], "queries per sweep grew"


if __name__ == "__main__":
    main()
