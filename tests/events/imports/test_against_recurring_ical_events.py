"""Every corpus file, imported into event pages, meets exactly when recurring-ical-events
(an independent RFC 5545 expander) says it does.

For each file: parse + map + create and publish the pages (which materialises Occurrence
rows through the calendar's own expansion), then compare each occurrence's start and end,
as UTC instants (dates for all-day events), inside 2026-01-01..2028-01-01, with
``recurring_ical_events.of(calendar).between(...)`` on the same bytes.

Cancelled instances: our rule is "kept, marked cancelled" (an override with ``cancelled``,
or the whole event's status), and recurring-ical-events also returns STATUS:CANCELLED
components, so both sides list them and the comparison includes the cancelled flag.

Floating times (and a TZID that names no zone and has no VTIMEZONE, which icalendar reads as
floating) mean "local wherever you are": the import reads them in the calendar's zone
(X-WR-TIMEZONE, else the import's default), and so does this comparison.
"""

from collections import Counter
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from events.imports.services import mapping
from events.models import Occurrence
from tests.events.imports.importing import DEFAULT_ZONE, corpus_files, make_pages, read

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

WINDOW = (date(2026, 1, 1), date(2028, 1, 1))
WINDOW_START = datetime(2026, 1, 1, tzinfo=UTC)
WINDOW_END = datetime(2028, 1, 1, tzinfo=UTC)


def _instant(value, zone):
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def expected(path, calendar_zone):
    """What recurring-ical-events lists: (uid, start, end, cancelled) per occurrence."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    calendar = icalendar.Calendar.from_ical(text)
    zone = ZoneInfo(calendar_zone)
    found = Counter()
    for component in recurring_ical_events.of(calendar).between(*WINDOW):
        start = component.get("DTSTART").dt
        # recurring-ical-events writes DTEND on every occurrence (from DURATION or the
        # RFC 5545 defaults when the source had none).
        end = component.get("DTEND").dt
        cancelled = str(component.get("STATUS", "")).upper() == "CANCELLED"
        uid = str(component.get("UID") or "")
        found[(uid, _instant(start, zone), _instant(end, zone), cancelled)] += 1
    return found


def actual(made):
    """What our Occurrence rows say, in the same shape (all-day: dates, end exclusive)."""
    found = Counter()
    for master, page in made:
        uid = "" if master.uid.startswith("derived-") else master.uid
        for row in Occurrence.objects.filter(event=page):
            if row.all_day:
                zone = page.zone
                start = row.start.astimezone(zone).date()
                end = row.end.astimezone(zone).date()
                inside = end > WINDOW[0] and start < WINDOW[1]
            else:
                start, end = row.start.astimezone(UTC), row.end.astimezone(UTC)
                inside = start < WINDOW_END and (end > WINDOW_START or start >= WINDOW_START)
            if inside:
                found[(uid, start, end, row.cancelled)] += 1
    return found


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.stem)
def test_corpus_file_meets_when_recurring_ical_events_says(path, settings):
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 365 * 4
    calendar = read(path.name)
    made = make_pages(calendar)

    want = expected(path, calendar.time_zone or DEFAULT_ZONE)
    got = actual(made)

    assert want, "every corpus file has occurrences in the window"
    assert got - want == Counter(), f"we list meetings the source does not: {got - want}"
    assert want - got == Counter(), f"we miss meetings the source has: {want - got}"
    print(f"{path.stem}: {sum(want.values())} occurrences compared")


def test_control_the_comparison_catches_a_mapping_that_drops_source_dates(monkeypatch):
    """The same comparison fails when the page loses the source's RDATEs."""
    real = mapping.page_values

    def without_rdates(master, overrides):
        values = real(master, overrides)
        return mapping.PageValues(
            fields={**values.fields, "repeat_source_dates": ""},
            exceptions=values.exceptions,
            overrides=values.overrides,
            problems=values.problems,
        )

    monkeypatch.setattr("tests.events.imports.importing.page_values", without_rdates)
    path = next(path for path in corpus_files() if path.stem == "apple_calendar")
    calendar = read(path.name)
    missing = expected(path, calendar.time_zone) - actual(make_pages(calendar))
    assert {key[1] for key in missing} == {
        datetime(2026, 5, 20, 9, 30, tzinfo=UTC),
        datetime(2026, 8, 12, 9, 30, tzinfo=UTC),
    }
