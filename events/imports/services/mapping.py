"""Turn one imported series (its master VEVENT and changed instances) into event page values.

Every repeating import is stored as "as the source says" (``RepeatFrequency.SOURCE``): the
source's RRULE text and RDATEs go on the page unchanged, EXDATEs become skipped dates and
RECURRENCE-ID instances become changed meetings, so the calendar's own expansion
(``events.calendar.services.occurrences``) yields the source's meetings, no more, no fewer.
Cancelled instances are kept and marked cancelled (an override with ``cancelled``).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar.prop import vRecur

from events.calendar import recurrence
from events.calendar.models.choices import EventStatus, RepeatFrequency
from events.imports.services.parsing import SourceEvent
from events.imports.services.sanitise import plain_text

TITLE_LENGTH = 255
SUMMARY_LENGTH = 300
NOTE_LENGTH = 200
CANCELLED_REASON = "Cancelled in the partner's calendar."
# How far ahead the mapping checks a rule's dates (meetings on one day, stray overrides).
CHECK_YEARS = 5


class MappingError(ValueError):
    """A series our event pages cannot hold (say, several meetings on one day)."""


@dataclass(frozen=True)
class PageValues:
    """What to write to an EventPage for one source series.

    ``fields``: EventPage field values (title, summary, start/end dates and times, all_day,
    time_zone, status, status_reason, the repeat fields). ``exceptions``: the skipped local
    dates (EventException.date). ``overrides``: OccurrenceOverride field values (original_date,
    cancelled, new_date, new_start_time, new_end_time, note). ``problems``: what was adapted.
    """

    fields: dict
    exceptions: tuple[date, ...]
    overrides: tuple[dict, ...]
    problems: tuple[str, ...]


def group_series(events):
    """[(master, overrides)] per UID, in feed order. An instance whose series the feed does
    not hold (Google sends these for one invited meeting) stands alone as its own master;
    a second master with the same UID is left out (the first one wins)."""
    masters, instances = {}, {}
    for event in events:
        if event.recurrence_id is None:
            masters.setdefault(event.uid, event)
        else:
            instances.setdefault(event.uid, []).append(event)
    grouped = [(master, instances.pop(uid, [])) for uid, master in masters.items()]
    for orphans in instances.values():
        grouped.extend((orphan, []) for orphan in orphans)
    return grouped


def page_values(master: SourceEvent, overrides: list[SourceEvent]) -> PageValues:
    zone = ZoneInfo(master.time_zone)
    problems = []
    fields = {
        "title": master.summary[:TITLE_LENGTH] or "Untitled event",
        "summary": _summary(master),
        "all_day": master.all_day,
        "time_zone": master.time_zone,
        **_when(master, zone),
        **_status(master),
        **_no_friendly_repeat(),
    }
    local_start = _local(master.start, zone, master.all_day)
    length = _local(master.end, zone, master.all_day) - local_start
    rdates = {
        _local(value, zone, master.all_day, default_time=local_start.time())
        for value in master.rdates
    }
    rule = _rule_for_page(master.rrule, master.all_day, zone, problems)
    starts = set()
    if rule or rdates:
        starts = _dates_of(rule, local_start, zone, rdates)
        if rule and local_start not in starts:
            # RFC 5545 counts DTSTART as the first meeting even when the rule skips it.
            rdates.add(local_start)
            starts.add(local_start)
    exceptions = _exceptions(master, zone, starts, problems)
    changed = []
    seen = set()
    for instance in sorted(overrides, key=lambda item: _sort_key(item.recurrence_id)):
        if instance.recurrence_id is None:
            continue
        original = _local(instance.recurrence_id, zone, master.all_day, local_start.time())
        if original.date() in seen:
            problems.append(f"Two changes for {original.date()}; the first is kept.")
            continue
        seen.add(original.date())
        if original not in starts:
            # A changed meeting for a date the rule does not give: the source still lists it.
            rdates.add(original)
            starts.add(original)
        changed.append(_override(master, instance, original, length, zone, problems))
    if rdates or rule:
        _check_one_a_day(starts | rdates)
        fields["repeat"] = RepeatFrequency.SOURCE
        fields["repeat_source_rule"] = rule
        fields["repeat_source_dates"] = "\n".join(
            value.date().isoformat() if master.all_day else value.isoformat()
            for value in sorted(rdates)
        )
    elif changed:
        problems.append("Changed meetings of an event that does not repeat were ignored.")
        changed = []
    return PageValues(
        fields=fields,
        exceptions=tuple(exceptions),
        overrides=tuple(changed),
        problems=tuple(problems),
    )


def _rule_for_page(rule, all_day, zone, problems):
    """The source's rule, with a date UNTIL on a timed series made a UTC instant.

    RFC 5545 wants UNTIL to be of DTSTART's type; producers write a bare date anyway, and
    readers take it as the start of that day (recurring-ical-events does), so we do too.
    """
    if not rule or all_day:
        return rule
    parts = vRecur.from_ical(rule)
    until = (parts.get("UNTIL") or [None])[0]
    if isinstance(until, date) and not isinstance(until, datetime):
        parts["UNTIL"] = [
            recurrence.localise(datetime.combine(until, time(0)), zone).astimezone(UTC)
        ]
        problems.append(f"The rule's UNTIL {until} was read as the start of that day.")
        return vRecur(parts).to_ical().decode()
    return rule


def _exceptions(master, zone, starts, problems):
    """Skipped local dates. A dated EXDATE skips that day; a timed one only the meeting that
    starts at that very instant (RFC 5545), so one that matches no meeting skips nothing."""
    skipped = set()
    for value in master.exdates:
        local = _local(value, zone, master.all_day)
        if master.all_day or not isinstance(value, datetime) or local in starts:
            skipped.add(local.date())
        else:
            problems.append(f"EXDATE {value.isoformat()} matches no meeting; ignored.")
    return sorted(skipped)


def _summary(master):
    text = plain_text(master.description, single_line=True, max_length=SUMMARY_LENGTH)
    return text or master.summary[:SUMMARY_LENGTH]


def _local(value, zone, all_day, default_time=time(0)):
    """A naive local wall-clock datetime in the series' zone (dates: at ``default_time``,
    midnight for all-day series)."""
    if isinstance(value, datetime):
        if all_day:
            return datetime.combine(
                value.astimezone(zone).date() if value.tzinfo else value.date(), time(0)
            )
        return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value
    return datetime.combine(value, time(0) if all_day else default_time)


def _when(master, zone):
    if master.all_day:
        last = master.end - timedelta(days=1)  # DTEND of a dated event is exclusive
        return {
            "start_date": master.start,
            "start_time": None,
            "end_date": last if last > master.start else None,
            "end_time": None,
        }
    start = master.start.astimezone(zone)
    end = master.end.astimezone(zone)
    return {
        "start_date": start.date(),
        "start_time": start.time().replace(tzinfo=None),
        "end_date": end.date() if end.date() != start.date() else None,
        "end_time": end.time().replace(tzinfo=None),
    }


def _status(master):
    if master.status == "CANCELLED":
        return {"status": EventStatus.CANCELLED, "status_reason": CANCELLED_REASON}
    return {"status": EventStatus.SCHEDULED, "status_reason": ""}


def _no_friendly_repeat():
    return {
        "repeat": RepeatFrequency.NONE,
        "repeat_interval": 1,
        "repeat_weekdays": "",
        "repeat_monthly_position": None,
        "repeat_until": None,
        "repeat_count": None,
        "repeat_source_rule": "",
        "repeat_source_dates": "",
    }


def _dates_of(rule, local_start, zone, rdates):
    horizon = datetime.combine(local_start.date() + timedelta(days=366 * CHECK_YEARS), time(0))
    return set(
        recurrence.expand(
            rule,
            local_start,
            zone,
            window_end=recurrence.localise(horizon, zone),
            rdates=sorted(rdates),
        )
    )


def _check_one_a_day(starts):
    days = [value.date() for value in starts]
    if len(days) != len(set(days)):
        raise MappingError("This series meets more than once on one day; pages cannot hold it.")


def _override(master, instance, original, length, zone, problems):
    values = {
        "original_date": original.date(),
        "cancelled": instance.status == "CANCELLED",
        "new_date": None,
        "new_start_time": None,
        "new_end_time": None,
        "note": "",
    }
    if instance.all_day != master.all_day:
        problems.append(
            f"The change for {original.date()} switches between all-day and timed; "
            "only its date is kept."
        )
    new_start = _local(instance.start, zone, master.all_day, original.time())
    new_end = _local(instance.end, zone, master.all_day, original.time())
    if new_start.date() != original.date():
        values["new_date"] = new_start.date()
    if not master.all_day:
        if new_start.time() != original.time():
            values["new_start_time"] = new_start.time()
        if new_end - new_start != length:
            if new_end.date() == new_start.date():
                values["new_end_time"] = new_end.time()
            else:
                problems.append(
                    f"The change for {original.date()} ends on another day; "
                    "it keeps the series' length."
                )
    if instance.summary and instance.summary != master.summary:
        values["note"] = instance.summary[:NOTE_LENGTH]
    return values


def _sort_key(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value.isoformat() if value else ""
