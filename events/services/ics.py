"""Calendar attachments for one booking, built with icalendar."""

from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

PRODID = "-//Tapestry//Campaign events//EN"


@lru_cache(maxsize=64)
def vtimezone_ical(tzid, year):
    """The serialised VTIMEZONE for ``tzid`` around ``year``, built once per process.

    icalendar derives it from the zoneinfo database, which takes tens of milliseconds, and
    serialising it again for every mail costs more than the event itself; three years of
    transitions cover any booking and keep attachments small.
    """
    zone = Timezone.from_tzid(tzid, first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return zone.to_ical()


@lru_cache(maxsize=1)
def _calendar_head_and_tail():
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    head, tail = calendar.to_ical().split(b"END:VCALENDAR")
    return head, b"END:VCALENDAR" + tail


def assemble(vtimezones, vevents):
    """A VCALENDAR from ready-serialised components: joining bytes costs microseconds."""
    head, tail = _calendar_head_and_tail()
    return b"".join([head, *vtimezones, *vevents, tail])


def booking_calendar(booking):
    """A VCALENDAR with the booked time; same UID on every update, SEQUENCE increasing."""
    bookable = booking.bookable
    zone = ZoneInfo(bookable.time_zone)
    start = timezone.localtime(bookable.starts_at, zone)
    event = Event()
    event.add("uid", f"booking-{booking.public_id}@tapestry")
    event.add("sequence", bookable.schedule_version)
    event.add("dtstamp", booking.confirmed_at or booking.created_at)
    event.add("dtstart", start)
    event.add("dtend", timezone.localtime(bookable.ends_at, zone))
    event.add("summary", bookable.title)
    if bookable.location:
        event.add("location", bookable.location)
    event.add("status", "CONFIRMED" if booking.status == "confirmed" else "CANCELLED")
    event.add("url", settings.WAGTAILADMIN_BASE_URL)
    return assemble([vtimezone_ical(bookable.time_zone, start.year)], [event.to_ical()])
