"""Calendar attachments for one booking, built with icalendar."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from events.services import feeds


@lru_cache(maxsize=1)
def _calendar_head():
    calendar = Calendar()
    calendar.add("prodid", feeds.PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar.to_ical()[: -len(feeds.END)]


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
    # The feeds' cached VTIMEZONE bytes: building one takes tens of milliseconds.
    parts = [_calendar_head(), feeds.vtimezone_bytes(bookable.time_zone), event.to_ical()]
    return b"".join([*parts, feeds.END])
