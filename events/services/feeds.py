"""iCalendar feeds: one builder, many selections.

``event_components`` turns one event (with its occurrence rows) into VEVENTs with the
``icalendar`` library: the series with RRULE/EXDATE, plus a RECURRENCE-ID VEVENT for each
changed or cancelled meeting. ``build_calendar`` wraps any set of events (and campaign
umbrellas) in a VCALENDAR with the VTIMEZONEs their TZIDs need.
"""

from datetime import UTC, datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vRecur
from icalendar.prop import vDuration

from events.models import AttendanceMode, EventPage, EventStatus, Occurrence
from events.services import public

PRODID = "-//Tapestry//Community events//EN"
# A fixed range keeps VTIMEZONE bytes identical from build to build.
TZ_FIRST = datetime(2020, 1, 1)
TZ_LAST = datetime(2040, 1, 1)


def refresh_interval():
    return timedelta(seconds=getattr(settings, "TAPESTRY_FEED_REFRESH_SECONDS", 3600))


def tombstone_days():
    return getattr(settings, "TAPESTRY_FEED_TOMBSTONE_DAYS", 30)


@lru_cache(maxsize=64)
def vtimezone(tzid):
    """The VTIMEZONE component for an IANA zone (cached: it is slow to build)."""
    return Timezone.from_tzid(tzid, first_date=TZ_FIRST, last_date=TZ_LAST)


def _stamp(page):
    """DTSTAMP/LAST-MODIFIED: the last material change, so bytes change only with it."""
    value = page.last_material_change or page.first_published_at or page.latest_revision_created_at
    return (value or datetime(2020, 1, 1, tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)


def _local(value, zone):
    return value.astimezone(zone)


def _date_or_datetime(value, event):
    if event.all_day:
        return timezone.localtime(value, event.zone).date()
    return _local(value, event.zone)


ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def _common(component, event, url, venue):
    component.add("summary", event.title)
    component.add("description", f"{event.summary}\n\n{url}")
    component.add("url", url)
    location = public.location_text(event, venue)
    if location:
        component.add("location", location)
    place = public.public_place(event, venue)
    if place is not None and not place.private and place.latitude is not None:
        component.add("geo", (place.latitude, place.longitude))
    categories = [event.kind.name]
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        categories.append("Online")
    component.add("categories", categories)


def event_components(event, occurrences, *, base_url=""):
    """VEVENTs for one event; ``occurrences`` are its rows from the Occurrence table."""
    url = base_url + (event.url or "")
    stamp = _stamp(event)
    master = Event()
    master.add("uid", event.ical_uid)
    master.add("dtstamp", stamp)
    master.add("last-modified", stamp)
    master.add("sequence", event.sequence)
    master.add("dtstart", _date_or_datetime(event.starts_at, event))
    master.add("dtend", _date_or_datetime(event.ends_at, event))
    master.add("status", ICAL_STATUS[event.status])
    master.add("transp", "OPAQUE")
    _common(master, event, url, event.venue if event.attendance_mode != "online" else None)
    components = [master]
    if not event.rrule:
        return components
    master.add("rrule", vRecur.from_ical(event.rrule))
    exdates = sorted(exception.date for exception in event.exceptions.all())
    if exdates:
        local_time = time(0) if event.all_day else event.start_time
        values = [
            d if event.all_day else datetime.combine(d, local_time).replace(tzinfo=event.zone)
            for d in exdates
        ]
        master.add("exdate", values)
    event_cancelled = event.status == EventStatus.CANCELLED
    default_venue_id = event.venue_id if event.attendance_mode != "online" else None
    for occurrence in occurrences:
        changed = (
            occurrence.moved
            or occurrence.venue_id != default_venue_id
            or (occurrence.cancelled and not event_cancelled)
        )
        if not changed:
            continue
        instance = Event()
        instance.add("uid", event.ical_uid)
        instance.add("dtstamp", stamp)
        instance.add("last-modified", stamp)
        instance.add("sequence", event.sequence)
        instance.add("recurrence-id", _date_or_datetime(occurrence.recurrence_id, event))
        instance.add("dtstart", _date_or_datetime(occurrence.start, event))
        instance.add("dtend", _date_or_datetime(occurrence.end, event))
        instance.add("status", "CANCELLED" if occurrence.cancelled else ICAL_STATUS[event.status])
        instance.add("transp", "OPAQUE")
        occurrence_url = base_url + event.get_occurrence_url(occurrence)
        _common(instance, event, occurrence_url, occurrence.venue)
        if occurrence.note:
            instance["description"] = f"{occurrence.note}\n\n{event.summary}\n\n{occurrence_url}"
        components.append(instance)
    return components


def single_occurrence_components(event, occurrence, *, base_url=""):
    """One meeting on its own (a download, not a subscription): no RRULE."""
    url = base_url + event.get_occurrence_url(occurrence)
    stamp = _stamp(event)
    component = Event()
    uid = event.ical_uid
    if event.rrule:
        component.add("uid", uid)
        component.add("recurrence-id", _date_or_datetime(occurrence.recurrence_id, event))
    else:
        component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", event.sequence)
    component.add("dtstart", _date_or_datetime(occurrence.start, event))
    component.add("dtend", _date_or_datetime(occurrence.end, event))
    status = "CANCELLED" if occurrence.cancelled else ICAL_STATUS[event.status]
    component.add("status", status)
    component.add("transp", "OPAQUE")
    _common(component, event, url, occurrence.venue)
    return [component]


def campaign_components(campaign, *, base_url=""):
    """The campaign as an all-day umbrella entry that does not block anyone's time."""
    stamp = _stamp(campaign)
    component = Event()
    component.add("uid", campaign.ical_uid)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", campaign.sequence)
    component.add("dtstart", campaign.start_date)
    component.add("dtend", campaign.end_date + timedelta(days=1))
    component.add("summary", campaign.title)
    url = base_url + (campaign.url or "")
    component.add("description", f"{campaign.theme}\n\n{url}".strip())
    component.add("url", url)
    component.add("status", "CONFIRMED")
    component.add("transp", "TRANSPARENT")
    component.add("categories", ["Campaign"])
    return [component]


def new_calendar(name, description):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    interval = refresh_interval()
    calendar.add("refresh-interval", vDuration(interval), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(interval))
    return calendar


def visible_events(queryset, *, now=None, show_cancelled=True):
    """Live events, with cancelled ones kept as tombstones for a while (or hidden)."""
    now = now or timezone.now()
    queryset = queryset.live().public()
    if not show_cancelled:
        return queryset.exclude(status=EventStatus.CANCELLED)
    cutoff = now - timedelta(days=tombstone_days())
    return queryset.exclude(status=EventStatus.CANCELLED, last_material_change__lt=cutoff)


def build_calendar(events, *, name, description, campaigns=(), base_url=""):
    """A full build: every event's components serialised now, with their VTIMEZONEs."""
    calendar = new_calendar(name, description)
    events = list(events)
    rows = {}
    for occurrence in Occurrence.objects.filter(event__in=[e.pk for e in events]).select_related(
        "venue"
    ):
        rows.setdefault(occurrence.event_id, []).append(occurrence)
    for campaign in campaigns:
        for component in campaign_components(campaign, base_url=base_url):
            calendar.add_component(component)
    for event in events:
        for component in event_components(event, rows.get(event.pk, []), base_url=base_url):
            calendar.add_component(component)
    for tzid in sorted({e.time_zone for e in events if not e.all_day}):
        calendar.add_component(vtimezone(tzid))
    return calendar


def event_queryset():
    return EventPage.objects.select_related("kind", "venue").prefetch_related(
        "exceptions", "overrides"
    )
