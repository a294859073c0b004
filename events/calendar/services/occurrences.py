"""Materialise events into the Occurrence table: the one place listings and feeds read.

``refresh_event`` is called when an event is published, unpublished or changed (Wagtail
signals, see ``events.signals``) and ``refresh_all`` daily by Celery beat, which moves the
rolling horizon forward for rules without an end.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.calendar import recurrence
from events.calendar.models import EventPage, EventStatus, Occurrence
from events.core.services import editorial_stamp

DEFAULT_HORIZON_DAYS = 548  # about 18 months
DEFAULT_CAP = 2000


def horizon_days():
    return getattr(settings, "TAPESTRY_OCCURRENCE_HORIZON_DAYS", DEFAULT_HORIZON_DAYS)


def occurrence_cap():
    return getattr(settings, "TAPESTRY_OCCURRENCE_CAP", DEFAULT_CAP)


@dataclass(frozen=True)
class Planned:
    """What one Occurrence row should hold."""

    recurrence_id: datetime
    start: datetime
    end: datetime
    all_day: bool
    cancelled: bool
    moved: bool
    venue_id: int | None
    note: str
    key: str

    def values(self):
        return {
            "start": self.start,
            "end": self.end,
            "all_day": self.all_day,
            "cancelled": self.cancelled,
            "moved": self.moved,
            "venue_id": self.venue_id,
            "note": self.note,
            "key": self.key,
        }


def plan(event, *, now=None, horizon=None):
    """The occurrences an event should have, in start order. Pure: reads, writes nothing."""
    now = now or timezone.now()
    window_end = now + timedelta(days=horizon if horizon is not None else horizon_days())
    zone = event.zone
    local_start = event.local_start
    length = recurrence.duration(local_start, event.local_end)
    exdates = {exception.date for exception in event.exceptions.all()}
    overrides = {override.original_date: override for override in event.overrides.all()}
    starts = recurrence.expand(
        event.rrule,
        local_start,
        zone,
        window_end=window_end,
        exdates=exdates,
        rdates=event.source_dates,
        cap=occurrence_cap(),
    )
    default_venue_id = event.venue_id if event.attendance_mode != "online" else None
    event_cancelled = event.status == EventStatus.CANCELLED
    planned = []
    for original in starts:
        new_start, new_end = original, original + length
        venue_id, note, cancelled, moved = default_venue_id, "", False, False
        override = overrides.get(original.date()) if event.is_recurring else None
        if override is not None:
            if override.new_date or override.new_start_time:
                new_start = datetime.combine(
                    override.new_date or original.date(),
                    override.new_start_time or original.time(),
                )
            if override.new_end_time or override.new_end_date:
                new_end = datetime.combine(
                    override.new_end_date or new_start.date(),
                    override.new_end_time or (new_start + length).time(),
                )
                if new_end < new_start:
                    new_end = new_start + length
            else:
                new_end = new_start + length
            if override.venue_id:
                venue_id = override.venue_id
            moved = new_start != original or venue_id != default_venue_id
            cancelled = override.cancelled
            note = override.note
        if event.all_day:
            new_start = datetime.combine(new_start.date(), time(0))
            new_end = datetime.combine(new_start.date(), time(0)) + length
            last_day = override.new_end_date if override is not None else None
            if last_day and last_day >= new_start.date():  # inclusive, as the page's end_date
                new_end = datetime.combine(last_day + timedelta(days=1), time(0))
        planned.append(
            Planned(
                recurrence_id=recurrence.localise(original, zone),
                start=recurrence.localise(new_start, zone),
                end=recurrence.localise(new_end, zone),
                all_day=event.all_day,
                cancelled=cancelled or event_cancelled,
                moved=moved,
                venue_id=venue_id,
                note=note,
                key=original.date().isoformat(),
            )
        )
    return planned


UPDATED_FIELDS = ["start", "end", "all_day", "cancelled", "moved", "venue_id", "note", "key"]


@transaction.atomic
def refresh_event(event, *, now=None):
    """Bring one event's rows in line with its plan; row ids of kept instances stay.

    Returns (created, updated, deleted) counts.
    """
    if not event.live:
        deleted, _ = Occurrence.objects.filter(event_id=event.pk).delete()
        return 0, 0, deleted
    wanted = {item.recurrence_id: item for item in plan(event, now=now)}
    existing = {row.recurrence_id: row for row in Occurrence.objects.filter(event_id=event.pk)}
    to_delete = [row.pk for rid, row in existing.items() if rid not in wanted]
    # Delete first: a moved key may otherwise collide with the unique constraint.
    if to_delete:
        Occurrence.objects.filter(pk__in=to_delete).delete()
    to_create, to_update = [], []
    for rid, item in wanted.items():
        row = existing.get(rid)
        if row is None:
            to_create.append(Occurrence(event_id=event.pk, recurrence_id=rid, **item.values()))
            continue
        values = item.values()
        if any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            to_update.append(row)
    if to_update:
        Occurrence.objects.bulk_update(to_update, UPDATED_FIELDS)
    if to_create:
        Occurrence.objects.bulk_create(to_create)
    if to_delete or to_update or to_create:
        # Bulk writes send no signals, and the nightly refresh saves no page: what is kept
        # under the editorial stamp (the month grid) must still see the new rows.
        editorial_stamp.renew()
    return len(to_create), len(to_update), len(to_delete)


def clear_event(event_id):
    Occurrence.objects.filter(event_id=event_id).delete()


def refresh_all(*, now=None):
    """Refresh every live event and drop rows of events no longer live. Idempotent."""
    totals = [0, 0, 0]
    Occurrence.objects.exclude(event__live=True).delete()
    events = (
        EventPage.objects.live().in_source_language().prefetch_related("exceptions", "overrides")
    )
    for event in events.iterator(chunk_size=200):
        for index, count in enumerate(refresh_event(event, now=now)):
            totals[index] += count
    return tuple(totals)
