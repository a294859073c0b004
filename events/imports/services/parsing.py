"""Read a partner's iCal feed, as real producers write it, into plain normalised values.

icalendar does the syntax (folded lines, escapes, Windows zone names such as
"GMT Standard Time"); x-wr-timezone moves Google's UTC times into the calendar's
X-WR-TIMEZONE, as recurring-ical-events does, so both read the same instants. What is left
here is what producers get wrong: bad bytes, zones with no VTIMEZONE, floating times,
missing UIDs and ends, custom VTIMEZONEs that are really an IANA zone.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import x_wr_timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from events.core.time_zones import known_time_zones, sorted_time_zones
from events.imports.services.sanitise import plain_text, web_url

SUMMARY_LENGTH = 255
DESCRIPTION_LENGTH = 10_000
LOCATION_LENGTH = 500
STATUSES = {"CONFIRMED", "TENTATIVE", "CANCELLED"}


class FeedError(ValueError):
    """The data is not an iCalendar file at all."""


@dataclass(frozen=True)
class SourceEvent:
    """One VEVENT, normalised."""

    uid: str
    recurrence_id: datetime | date | None
    sequence: int
    status: str
    summary: str
    description: str
    location: str
    url: str
    start: datetime | date
    end: datetime | date
    all_day: bool
    time_zone: str
    rrule: str
    exdates: tuple
    rdates: tuple
    last_modified: datetime | None
    fingerprint: str = field(default="", compare=False)


@dataclass(frozen=True)
class SourceCalendar:
    name: str
    time_zone: str
    events: tuple[SourceEvent, ...]
    problems: tuple[str, ...]


def parse_feed(data: bytes, *, default_time_zone: str) -> SourceCalendar:
    """Parse a feed; raise FeedError only when it is not a calendar at all."""
    problems = []
    text = _decode(data, problems)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise FeedError("This is not an iCalendar file (no BEGIN:VCALENDAR).")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        raise FeedError(f"This iCalendar file cannot be read: {exc}") from exc
    if isinstance(calendar, list):
        calendar = calendar[0]
    if calendar.name != "VCALENDAR":
        raise FeedError("This is not an iCalendar file (no VCALENDAR).")
    calendar_zone = _calendar_zone(calendar, default_time_zone, problems)
    try:
        calendar = x_wr_timezone.to_standard(calendar)
    except Exception as exc:  # a producer quirk must not stop the import
        problems.append(f"X-WR-TIMEZONE could not be applied: {exc}")
    reader = _EventReader(calendar_zone, problems)
    events = []
    for component in calendar.walk("VEVENT"):
        event = reader.read(component)
        if event is not None:
            events.append(event)
    name = plain_text(calendar.get("X-WR-CALNAME") or calendar.get("NAME") or "", max_length=200)
    return SourceCalendar(
        name=name, time_zone=calendar_zone, events=tuple(events), problems=tuple(problems)
    )


# Bytes and zones -----------------------------------------------------------------------


_FOLD = re.compile(rb"\r?\n[ \t]")


def _decode(data, problems):
    if isinstance(data, str):
        text = data
    else:
        # Unfold before decoding: producers fold by octets, sometimes inside a UTF-8 character.
        data = _FOLD.sub(b"", data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            problems.append("The file is not valid UTF-8; unreadable bytes were replaced.")
    return text.lstrip("\ufeff")


def iana_name(name):
    """An IANA zone name for an IANA or Windows name, or None."""
    name = str(name or "").strip().strip('"')
    if not name:
        return None
    if name in known_time_zones():
        return name
    mapped = WINDOWS_TO_OLSON.get(name)
    if mapped and mapped in known_time_zones():
        return mapped
    return None


def _calendar_zone(calendar, default_time_zone, problems):
    declared = calendar.get("X-WR-TIMEZONE")
    if declared:
        name = iana_name(declared)
        if name:
            return name
        problems.append(f"Unknown X-WR-TIMEZONE {str(declared)!r}; using {default_time_zone}.")
    return default_time_zone


# Sample instants to recognise a custom VTIMEZONE as an IANA zone (winter, summer, the
# days around each change, over two years).
_SAMPLES = tuple(
    datetime(year, month, day, 12, tzinfo=UTC)
    for year in (2026, 2027)
    for month in range(1, 13)
    for day in (1, 15, 28)
)


def _zone_name_for(tz, preferred):
    """The IANA name of an aware value's zone; a custom VTIMEZONE is matched by its offsets."""
    key = getattr(tz, "key", None)
    if key and iana_name(key):
        return iana_name(key)
    if tz is UTC or (tz.utcoffset(None) == timedelta(0) and str(tz) in {"UTC", "UTC+00:00"}):
        return "UTC"
    name = getattr(tz, "_tzid", None) or getattr(tz, "_name", None) or str(tz)
    if iana_name(name):
        return iana_name(name)
    offsets = tuple(sample.astimezone(tz).utcoffset() for sample in _SAMPLES)
    # A zone whose city the name mentions ("Berlin Office"), the calendar's own zone, the
    # zones Windows names stand for (one familiar city per region), then any other.
    text = " ".join(re.findall(r"[a-z]+", str(name).lower()))
    named = [
        zone
        for zone in sorted_time_zones()
        if re.search(rf"\b{re.escape(zone.rsplit('/', 1)[-1].replace('_', ' ').lower())}\b", text)
    ]
    candidates = [
        *named,
        *preferred,
        *dict.fromkeys(WINDOWS_TO_OLSON.values()),
        *sorted_time_zones(),
    ]
    for candidate in candidates:
        zone = ZoneInfo(candidate)
        if all(
            sample.astimezone(zone).utcoffset() == offset
            for sample, offset in zip(_SAMPLES, offsets, strict=True)
        ):
            return candidate
    return None


# Events -----------------------------------------------------------------------------------


class _EventReader:
    def __init__(self, calendar_zone, problems):
        self.calendar_zone = calendar_zone
        self.problems = problems

    def note(self, uid, message):
        self.problems.append(f"{uid or 'event without UID'}: {message}")

    def read(self, component):
        uid = str(component.get("UID") or "").strip()
        summary = plain_text(component.get("SUMMARY"), max_length=SUMMARY_LENGTH, single_line=True)
        raw_start = component.get("DTSTART")
        if raw_start is None:
            self.note(uid, f"skipped {summary!r}: it has no DTSTART.")
            return None
        if not uid:
            uid = _derived_uid(component)
            self.note("", f"{summary!r} has no UID; using {uid}.")
        start = raw_start.dt
        all_day = not isinstance(start, datetime)
        rrule = _rrule_text(component, uid, self)
        rdates = _dates(component, "RDATE")
        zone_name = self._zone_of(start, uid, recurring=bool(rrule or rdates))
        zone = ZoneInfo(zone_name)
        start = self.in_zone(start, zone)
        end = self._end(component, start, zone, uid)
        recurrence_id = component.get("RECURRENCE-ID")
        if recurrence_id is not None:
            recurrence_id = _utc_or_date(self.in_zone(recurrence_id.dt, zone))
        status = str(component.get("STATUS") or "CONFIRMED").strip().upper()
        if status not in STATUSES:
            self.note(uid, f"unknown STATUS {status!r} read as CONFIRMED.")
            status = "CONFIRMED"
        try:
            sequence = int(str(component.get("SEQUENCE") or 0))
        except ValueError:
            sequence = 0
        description = component.get("DESCRIPTION")
        if not description and component.get("X-ALT-DESC"):
            description = component.get("X-ALT-DESC")
        last_modified = component.get("LAST-MODIFIED")
        last_modified = _utc_or_date(last_modified.dt) if last_modified is not None else None
        if isinstance(last_modified, date) and not isinstance(last_modified, datetime):
            last_modified = None
        event = SourceEvent(
            uid=uid,
            recurrence_id=recurrence_id,
            sequence=max(sequence, 0),
            status=status,
            summary=summary,
            description=plain_text(description, max_length=DESCRIPTION_LENGTH),
            location=plain_text(
                component.get("LOCATION"), max_length=LOCATION_LENGTH, single_line=True
            ),
            url=web_url(component.get("URL")),
            start=start,
            end=end,
            all_day=all_day,
            time_zone=zone_name,
            rrule=rrule,
            exdates=_ordered(self.in_zone(value, zone) for value in _dates(component, "EXDATE")),
            rdates=_ordered(self.in_zone(value, zone) for value in rdates),
            last_modified=last_modified,
        )
        return _with_fingerprint(event)

    def _zone_of(self, start, uid, *, recurring):
        if not isinstance(start, datetime):
            return self.calendar_zone
        if start.tzinfo is None:
            self.note(uid, f"floating time read in {self.calendar_zone}.")
            return self.calendar_zone
        name = _zone_name_for(start.tzinfo, (self.calendar_zone,))
        if name is None:
            self.note(uid, f"unknown time zone {start.tzinfo!s}; times kept as UTC.")
            return "UTC"
        if name == "UTC" and not recurring:
            # One instant: show it in the calendar's zone. A series written in UTC repeats in
            # UTC (RFC 5545), so it keeps that zone.
            return self.calendar_zone
        return name

    def in_zone(self, value, zone):
        """A date stays a date; a datetime becomes aware in ``zone`` (floating: read there)."""
        if not isinstance(value, datetime):
            return value
        if value.tzinfo is None:
            # A TZID with no VTIMEZONE arrives naive too: read it in the event's zone.
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)

    def _end(self, component, start, zone, uid):
        raw_end = component.get("DTEND")
        raw_duration = component.get("DURATION")
        if raw_end is not None:
            end = raw_end.dt
            if isinstance(start, datetime) and not isinstance(end, datetime):
                end = datetime.combine(end, start.timetz())
            elif not isinstance(start, datetime) and isinstance(end, datetime):
                end = end.date()
            end = self.in_zone(end, zone)
        elif raw_duration is not None:
            length = raw_duration.dt
            if not isinstance(length, timedelta):
                length = timedelta(0)
            end = start + length
        elif isinstance(start, datetime):
            end = start  # RFC 5545: a timed event without an end takes no time
        else:
            end = start + timedelta(days=1)  # ... and a dated one lasts that day
        if end < start:
            self.note(uid, "ends before it starts; read as ending when it starts.")
            end = start
        return end


def _rrule_text(component, uid, reader):
    value = component.get("RRULE")
    if value is None:
        return ""
    if isinstance(value, list):
        if len(value) > 1:
            reader.note(uid, "has several RRULEs; only the first is kept.")
        value = value[0]
    return value.to_ical().decode()


def _dates(component, name):
    """Every value of a (possibly repeated) date-list property, in order, without periods."""
    values = component.get(name)
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    found = []
    for item in values:
        for entry in getattr(item, "dts", [item]):
            value = getattr(entry, "dt", entry)
            if isinstance(value, tuple):  # a PERIOD: its start
                value = value[0]
            if isinstance(value, date | datetime):
                found.append(value)
    return found


def _ordered(values):
    """Distinct values in time order, whatever order the producer wrote them in."""
    return tuple(sorted(set(values), key=lambda value: _plain(_utc_or_date(value))))


def _utc_or_date(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value


def _derived_uid(component):
    """A UID from the content that does not change between pulls of the same event."""
    parts = [
        str(component.get(name).to_ical() if hasattr(component.get(name), "to_ical") else "")
        for name in ("DTSTART", "SUMMARY", "LOCATION", "RRULE")
        if component.get(name) is not None
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"derived-{digest}"


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _with_fingerprint(event):
    content = {key: _plain(value) for key, value in asdict(event).items() if key != "fingerprint"}
    digest = hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    return SourceEvent(**{**asdict(event), "fingerprint": digest})
