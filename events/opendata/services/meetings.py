"""The meeting-finder feed: support-group series as Meeting Guide (TSML) JSON entries.

The Meeting Guide format (code4recovery/spec) lists *weekly* meetings: a day of the week
and a local wall-clock time. So only series that repeat every week (or every day) are
listed, one entry per weekday; one-off, monthly and every-other-week groups are left out,
as the spec recommends. Everything about place and link comes from the public gate
(``events.calendar.services.public``): a group that shares its address only after
registration shows its area, marked approximate, and never a street or a join link.
"""

from datetime import UTC

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import vRecur

from campaign.organisation import organisation_name
from events.calendar.models import AttendanceMode, EventPage, EventStatus, Occurrence
from events.calendar.services import feed_entries, public
from events.opendata.services.meeting_types import meeting_types, uncoded_access

# RFC 5545 weekday -> the spec's day number (0 = Sunday ... 6 = Saturday).
SPEC_DAYS = {"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}
DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]


def meeting_kind_slugs():
    """The event kinds that are support-group meetings (a setting, for other sites)."""
    return tuple(getattr(settings, "TAPESTRY_MEETING_KIND_SLUGS", ("support-group",)))


def listed_series(now=None):
    """Live, public support-group series that still have a meeting to come, in one query.

    Cancelled series are left out: the spec's ``TC`` says a place is closed for a while,
    and a finder should not list a group that will not meet again.
    """
    now = now or timezone.now()
    upcoming = Occurrence.objects.filter(event=OuterRef("pk"), end__gte=now)
    return (
        EventPage.objects.live()
        .public()
        .filter(kind__slug__in=meeting_kind_slugs(), all_day=False)
        .exclude(rrule="")
        .exclude(status=EventStatus.CANCELLED)
        .filter(Exists(upcoming))
        .select_related("kind", "venue")
        .defer("body")
        .order_by("pk")
    )


def weekly_days(event):
    """The spec days a series meets on every week, or [] when it is not weekly."""
    parts = vRecur.from_ical(event.rrule)
    frequency = parts.get("FREQ", [""])[0]
    interval = int(parts.get("INTERVAL", [1])[0])
    if interval != 1:
        return []
    if frequency == "DAILY":
        return list(range(7))
    if frequency != "WEEKLY":
        return []
    codes = [str(day) for day in parts.get("BYDAY", [])]
    if not codes:
        # A weekly rule without BYDAY meets on the weekday of its first date.
        return [(event.start_date.weekday() + 1) % 7]
    return sorted(SPEC_DAYS[code] for code in codes if code in SPEC_DAYS)


def _plain(text):
    return " ".join(strip_tags(text or "").split())


def _utc_stamp(event):
    values = [v for v in (event.last_published_at, event.last_material_change) if v]
    if not values:
        return None
    return max(values).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _place_fields(place):
    """Where: the full public address, or only the area (approximate) when private."""
    if place is None:
        return {}
    if place.private:
        return {"formatted_address": place.area, "region": place.area, "approximate": "yes"}
    fields = {"location": place.name}
    address = public._postal_address(place)
    if address.get("streetAddress"):
        fields["address"] = address["streetAddress"]
    if address.get("addressLocality"):
        fields["city"] = address["addressLocality"]
    if address.get("postalCode"):
        fields["postal_code"] = address["postalCode"]
    fields["region"] = place.area
    fields["approximate"] = "no"
    if place.latitude is not None and place.longitude is not None:
        fields["latitude"] = round(place.latitude, 5)
        fields["longitude"] = round(place.longitude, 5)
    return fields


def _location_notes(place):
    if place is None:
        return ""
    parts = []
    words = uncoded_access(place)
    if words:
        parts.append("Access: " + ", ".join(words) + ".")
    if place.access_notes:
        parts.append(_plain(place.access_notes))
    return " ".join(parts)


def _online_fields(event):
    """A join link only when the public may see it, and never for a paused group."""
    if event.attendance_mode == AttendanceMode.IN_PERSON:
        return {}
    join = public.public_join_url(event)
    if join and event.status != EventStatus.POSTPONED:
        return {"conference_url": join}
    if event.join_link_after_registration:
        return {"conference_url_notes": str(public.PRIVATE_LINK_NOTE)}
    return {}


def _notes(event, place):
    parts = [_plain(event.summary)]
    if event.status == EventStatus.POSTPONED and event.status_reason:
        parts.insert(0, _plain(event.status_reason))
    if place is not None and place.private:
        parts.append(str(public.PRIVATE_NOTE))
    return "\n\n".join(part for part in parts if part)


def series_entries(event, entity):
    """The feed entries of one series: one per weekday it meets (none if not weekly)."""
    days = weekly_days(event)
    if not days:
        return []
    venue = event.venue if event.attendance_mode != AttendanceMode.ONLINE else None
    place = public.public_place(event, venue)
    base = {
        "name": event.title,
        "time": event.start_time.strftime("%H:%M"),
    }
    if event.end_time is not None:
        base["end_time"] = event.end_time.strftime("%H:%M")
    base["timezone"] = event.time_zone
    base["types"] = meeting_types(event, place)
    base.update(_place_fields(place))
    location_notes = _location_notes(place)
    if location_notes:
        base["location_notes"] = location_notes
    base.update(_online_fields(event))
    base["group"] = event.title
    notes = _notes(event, place)
    if notes:
        base["notes"] = notes
    url = feed_entries.entry_url(event)
    if url:
        base["url"] = url
    updated = _utc_stamp(event)
    if updated:
        base["updated"] = updated
    if entity:
        base["entity"] = entity
    # The page id never changes (a new title or a move keeps it); the weekday tells
    # apart the entries of a series that meets on several days.
    return [{"slug": f"{event.pk}-{DAY_NAMES[day]}", "day": day, **base} for day in days]


def meetings(now=None):
    """Every entry of the feed, in a stable order (page id, then weekday)."""
    entity = organisation_name()
    entries = []
    for event in listed_series(now):
        entries += series_entries(event, entity)
    return entries
