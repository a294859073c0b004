"""Proposed page values as JSON, their difference from a page, and writing them to it.

A pending change is stored as JSON (``{"fields": {...}, "exceptions": [...],
"overrides": [...]}``) so an editor can approve it later; the same shape read from the page
gives the field-by-field difference.
"""

from datetime import date, datetime, time

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from events.calendar.models import EventException, EventPage, OccurrenceOverride, Venue
from events.calendar.models.choices import AttendanceMode

# What a source may set beside the mapped fields: where it happens.
PLACE_FIELDS = ("attendance_mode", "venue", "join_url")
LABELS = {
    "exceptions": _("Skipped dates"),
    "overrides": _("Changed meetings"),
    "venue": _("Venue"),
    # The event page's own names for the fields a source sets (they have no translated
    # verbose_name on the model).
    "summary": _("Summary"),
    "all_day": _("All day"),
    "time_zone": _("Time zone"),
    "start_date": _("Start date"),
    "start_time": _("Start time"),
    "end_date": _("End date"),
    "end_time": _("End time"),
    "status": _("Status"),
    "status_reason": _("Status reason"),
    "repeat": _("Repeat"),
    "repeat_interval": _("Repeat interval"),
    "repeat_weekdays": _("Repeat weekdays"),
    "repeat_monthly_position": _("Repeat monthly position"),
    "repeat_until": _("Repeat until"),
    "repeat_count": _("Repeat count"),
    "repeat_source_rule": _("Repeat source rule"),
    "repeat_source_dates": _("Repeat source dates"),
    "attendance_mode": _("Attendance mode"),
}


def to_json(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def proposal(values, place):
    """JSON for a mapping's PageValues plus the place fields."""
    return {
        "fields": to_json({**values.fields, **place}),
        "exceptions": sorted(to_json(list(values.exceptions))),
        "overrides": sorted(to_json(list(values.overrides)), key=lambda o: o["original_date"]),
    }


def place_for(location):
    """The source's LOCATION as a venue (found or made by its text), or online when empty.

    Pages need a venue to meet in person; a partner's location is free text, so it becomes
    a venue named by its first line that editors can complete (area, access) later.
    """
    location = (location or "").strip()
    if not location:
        return {"attendance_mode": AttendanceMode.ONLINE.value, "venue": None, "join_url": ""}
    if location.lower().startswith(("http://", "https://")):
        return {
            "attendance_mode": AttendanceMode.ONLINE.value,
            "venue": None,
            "join_url": location[:200],
        }
    lines = [part.strip() for part in location.replace(", ", "\n").splitlines() if part.strip()]
    venue = Venue.objects.filter(name=lines[0][:120], address=location).first()
    if venue is None:
        venue = Venue.objects.create(
            name=lines[0][:120], address=location, area=(lines[-1] if len(lines) > 1 else "")[:80]
        )
    return {"attendance_mode": AttendanceMode.IN_PERSON.value, "venue": venue.pk, "join_url": ""}


def current(page, proposed):
    """The page's values in the shape of ``proposed`` (only the keys it names)."""
    values = {"fields": {}}
    for name in proposed.get("fields", {}):
        attname = "venue_id" if name == "venue" else name
        values["fields"][name] = to_json(getattr(page, attname))
    if "exceptions" in proposed:
        values["exceptions"] = sorted(to_json([e.date for e in page.exceptions.all()]))
    if "overrides" in proposed:
        keys = ("original_date", "cancelled", "new_date", "new_start_time", "new_end_time", "note")
        rows = [{key: to_json(getattr(o, key)) for key in keys} for o in page.overrides.all()]
        values["overrides"] = sorted(rows, key=lambda o: o["original_date"])
    return values


def difference(page, proposed):
    """[{field, label, old, new}] for what ``proposed`` would change on ``page``."""
    now = current(page, proposed) if page is not None else {"fields": {}}
    rows = []
    for name, new in proposed.get("fields", {}).items():
        old = now["fields"].get(name)
        if old != new:
            rows.append(_row(name, old, new))
    for name in ("exceptions", "overrides"):
        if name in proposed and now.get(name, []) != proposed[name]:
            rows.append(_row(name, now.get(name, []), proposed[name]))
    return rows


def _row(name, old, new):
    if name == "venue":
        old, new = _venue_text(old), _venue_text(new)
    return {"field": name, "label": _label(name), "old": _text(old), "new": _text(new)}


def _label(name):
    if name in LABELS:
        return str(LABELS[name])
    return str(EventPage._meta.get_field(name).verbose_name).capitalize()


def labelled(rows):
    """Stored difference rows with each label in the reader's language (a row keeps the
    label of the language active when it was pulled)."""
    shown = []
    for row in rows:
        try:
            shown.append({**row, "label": _label(row["field"])})
        except (KeyError, TypeError, FieldDoesNotExist):
            shown.append(row)
    return shown


def _venue_text(pk):
    if pk is None:
        return None
    venue = Venue.objects.filter(pk=pk).first()
    return venue.address if venue else f"#{pk}"


def _text(value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(
            ", ".join(f"{k}: {v}" for k, v in item.items() if v not in (None, "", False))
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return str(value)


def write(page, proposed):
    """Set ``proposed`` on the page object (not saved)."""
    for name, value in proposed.get("fields", {}).items():
        if name == "venue":
            page.venue_id = value
            continue
        field = EventPage._meta.get_field(name)
        setattr(page, name, field.to_python(value))
    if "exceptions" in proposed:
        page.exceptions = [
            EventException(date=date.fromisoformat(d)) for d in proposed["exceptions"]
        ]
    if "overrides" in proposed:
        page.overrides = [
            OccurrenceOverride(
                **{
                    key: OccurrenceOverride._meta.get_field(key).to_python(value)
                    for key, value in row.items()
                }
            )
            for row in proposed["overrides"]
        ]
