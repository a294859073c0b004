"""The occurrence table: materialised on publish, refreshed on change, cleared on unpublish."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.calendar.services import occurrences
from events.models import Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def weekly_group(**fields):
    values = {
        "title": "Tuesday peer support group",
        "kind": factories.kind("Support group", "support-group"),
        "start_date": date(2027, 3, 16),
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "repeat": "WEEKLY",
        "repeat_weekdays": "TU",
        "repeat_until": date(2027, 4, 27),
    }
    values.update(fields)
    return factories.event(**values)


def local_starts(event):
    return [
        timezone.localtime(o.start, LONDON).replace(tzinfo=None)
        for o in Occurrence.objects.filter(event=event)
    ]


def test_publishing_a_single_event_writes_one_occurrence():
    event = factories.event()

    rows = list(Occurrence.objects.filter(event=event))
    assert len(rows) == 1
    assert rows[0].start == datetime(2027, 5, 4, 17, 30, tzinfo=UTC)  # 18:30 BST
    assert rows[0].end == datetime(2027, 5, 4, 19, 0, tzinfo=UTC)
    assert rows[0].venue_id == event.venue_id
    assert event.starts_at == rows[0].start


def test_weekly_series_keeps_1830_local_across_the_clock_change():
    event = weekly_group()

    starts = local_starts(event)
    assert starts[0].date() == date(2027, 3, 16)
    assert len(starts) == 7
    assert {s.time() for s in starts} == {time(18, 30)}
    utc = [o.start.astimezone(UTC).hour for o in Occurrence.objects.filter(event=event)]
    assert utc[:2] == [18, 18] and utc[2:] == [17] * 5  # 28 March: BST begins


def test_skipped_dates_cancelled_and_moved_meetings():
    hall = factories.venue(name="Alder Room", area="Northbank")
    event = weekly_group(
        exceptions=[date(2027, 3, 30)],
        overrides=[
            {"original_date": date(2027, 4, 6), "cancelled": True, "note": "Easter break"},
            {
                "original_date": date(2027, 4, 13),
                "new_date": date(2027, 4, 14),
                "new_start_time": time(19, 0),
                "venue": hall,
                "note": "Wednesday this week, in the Alder Room",
            },
        ],
    )

    rows = {o.key: o for o in Occurrence.objects.filter(event=event)}
    assert "2027-03-30" not in rows
    assert rows["2027-04-06"].cancelled and rows["2027-04-06"].note == "Easter break"
    moved = rows["2027-04-13"]
    assert moved.moved and not moved.cancelled
    assert timezone.localtime(moved.start, LONDON).replace(tzinfo=None) == datetime(
        2027, 4, 14, 19, 0
    )
    # The meeting keeps its length (90 minutes) when only the start moves.
    assert moved.end - moved.start == timedelta(minutes=90)
    assert moved.venue_id == hall.pk
    assert moved.recurrence_id == datetime(2027, 4, 13, 17, 30, tzinfo=UTC)
    assert len(rows) == 6


def test_unpublishing_clears_and_republishing_keeps_row_ids():
    event = weekly_group()
    ids_before = set(Occurrence.objects.filter(event=event).values_list("pk", flat=True))

    event = factories.republish(event, title="Tuesday group (renamed)")
    assert set(Occurrence.objects.filter(event=event).values_list("pk", flat=True)) == ids_before

    event.unpublish()
    assert not Occurrence.objects.filter(event=event).exists()


def test_editing_the_rule_rewrites_only_what_changed():
    event = weekly_group()
    first_id = Occurrence.objects.filter(event=event).first().pk

    event = factories.republish(event, repeat_until=date(2027, 3, 30))

    rows = list(Occurrence.objects.filter(event=event))
    assert [r.key for r in rows] == ["2027-03-16", "2027-03-23", "2027-03-30"]
    assert rows[0].pk == first_id


def test_infinite_rule_is_capped_by_the_rolling_horizon(settings):
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 70
    event = weekly_group(repeat_until=None, start_date=date(2027, 3, 16))
    now = datetime(2027, 3, 15, tzinfo=UTC)

    occurrences.refresh_event(event, now=now)
    assert Occurrence.objects.filter(event=event).count() == 10

    # A day later the daily job extends the window; nothing else changes.
    created, updated, deleted = occurrences.refresh_all(now=now + timedelta(days=7))
    assert (created, updated, deleted) == (1, 0, 0)
    assert occurrences.refresh_all(now=now + timedelta(days=7)) == (0, 0, 0)


def test_cancelling_the_whole_event_marks_every_meeting():
    event = weekly_group()

    event = factories.republish(event, status="cancelled", status_reason="The room closed.")

    assert all(o.cancelled for o in Occurrence.objects.filter(event=event))


def test_all_day_event_spans_local_midnights():
    event = factories.event(
        title="Awareness walk day",
        all_day=True,
        start_time=None,
        end_time=None,
        start_date=date(2027, 5, 15),
    )
    row = Occurrence.objects.get(event=event)

    assert row.all_day
    assert timezone.localtime(row.start, LONDON).replace(tzinfo=None) == datetime(2027, 5, 15)
    assert timezone.localtime(row.end, LONDON).replace(tzinfo=None) == datetime(2027, 5, 16)
