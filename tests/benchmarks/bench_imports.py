"""Importing a partner's calendar: a 2,000-event feed, then the same feed pulled again.

Side by side: a bare ``icalendar.Calendar.from_ical`` of the same bytes (the floor: any
import reads the file at least once), our parse (normalised, sanitised, fingerprinted), the
first import (pages created, as drafts awaiting review, or published for a trusted source),
and the unchanged re-pull, which must write nothing: its query count is the check.
BENCH_SIZE=tiny imports 100 events.
"""

import os
from datetime import date, timedelta

from _setup import bench_database, django_setup, print_table, stopwatch, timed, tiny

django_setup()

import icalendar  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Revision  # noqa: E402

from events.imports.models import ImportSource  # noqa: E402
from events.imports.services import parsing, sync  # noqa: E402
from tests.events import factories  # noqa: E402

EVENTS = int(os.environ.get("BENCH_IMPORT_EVENTS", 100 if tiny() else 2_000))
# Drafts awaiting review by default; BENCH_IMPORT_TRUSTED=1 publishes each (occurrences,
# feed fragments and share cards follow every publish, so it is far slower).
TRUSTED = os.environ.get("BENCH_IMPORT_TRUSTED", "") == "1"


def generated_feed(count):
    """``count`` VEVENTs: every fifth a weekly series with a skipped date, the rest one-offs."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tapestry bench//EN",
        "X-WR-CALNAME:Partner events",
    ]
    first = date(2027, 1, 4)
    for i in range(count):
        day = first + timedelta(days=i % 365)
        start = f"{day:%Y%m%d}T{18 + i % 3:02d}3000"
        end = f"{day:%Y%m%d}T{19 + i % 3:02d}4500"
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{i}@partner.example",
            "DTSTAMP:20261101T090000Z",
            f"DTSTART;TZID=Europe/London:{start}",
            f"DTEND;TZID=Europe/London:{end}",
            f"SUMMARY:Partner event number {i}",
            f"DESCRIPTION:A <b>friendly</b> session, number {i}, for anyone who would like"
            " to come along.",
            f"LOCATION:Hall {i % 40}, {i % 90 + 1} Mill Lane, Riverside",
            f"SEQUENCE:{i % 3}",
        ]
        if i % 5 == 0:
            skipped = day + timedelta(weeks=2)
            lines += [
                "RRULE:FREQ=WEEKLY;COUNT=8",
                f"EXDATE;TZID=Europe/London:{skipped:%Y%m%d}T{18 + i % 3:02d}3000",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


class QueryCounter:
    """Counts every query (Django's own capture keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


def main():
    body = generated_feed(EVENTS)
    repeats = 1 if tiny() else 5
    with bench_database("imports"):
        source = ImportSource.objects.create(
            name="Bench partner",
            url="https://partner.example/cal.ics",
            parent_page=factories.site_with_index(),
            default_kind=factories.kind("Partner event", "partner-event"),
            default_time_zone="Europe/London",
            trusted=TRUSTED,
        )
        floor_ms = timed(lambda: icalendar.Calendar.from_ical(body), repeats)
        parse_ms = timed(
            lambda: parsing.parse_feed(body, default_time_zone="Europe/London"), repeats
        )
        with QueryCounter() as first_queries, stopwatch() as first:
            created = sync.read_feed(source, body)
        assert created.created == EVENTS, (created.created, created.problems[:5])
        revisions = Revision.objects.count()
        with QueryCounter() as again_queries, stopwatch() as again:
            unchanged = sync.read_feed(source, body)
        assert unchanged.unchanged == EVENTS and unchanged.created == 0, unchanged
        assert Revision.objects.count() == revisions, "an unchanged pull wrote revisions"
        repull_ms = timed(lambda: sync.read_feed(source, body), repeats)
        # The machine's load drifts during a long first import: the floor is measured again
        # beside the re-pull, so the two are compared at the same moment.
        floor_after_ms = timed(lambda: icalendar.Calendar.from_ical(body), repeats)
        rows = [
            ["icalendar from_ical (floor)", f"{floor_ms:,.0f}", "0", "1.00x"],
            ["our parse_feed", f"{parse_ms:,.0f}", "0", f"{parse_ms / floor_ms:.2f}x"],
            [
                f"first import ({'published' if TRUSTED else 'drafts for review'})",
                f"{first['seconds'] * 1000:,.0f}",
                f"{first_queries.count:,}",
                f"{first['seconds'] * 1000 / floor_ms:.1f}x",
            ],
            [
                "re-pull, unchanged",
                f"{again['seconds'] * 1000:,.0f}",
                f"{again_queries.count:,}",
                f"{again['seconds'] * 1000 / floor_ms:.2f}x",
            ],
            [
                f"re-pull, unchanged (median of {repeats})",
                f"{repull_ms:,.0f}",
                f"{again_queries.count:,}",
                f"{repull_ms / floor_ms:.2f}x",
            ],
            [
                "icalendar from_ical, again beside the re-pull",
                f"{floor_after_ms:,.0f}",
                "0",
                f"re-pull {repull_ms / floor_after_ms:.2f}x this",
            ],
        ]
        print_table(
            f"Imports: {EVENTS:,} events, {len(body) / 1024:,.0f} KB feed "
            f"({connection.vendor}, {os.cpu_count()} CPUs)",
            ["phase", "ms", "queries", "vs floor"],
            rows,
        )


if __name__ == "__main__":
    main()
