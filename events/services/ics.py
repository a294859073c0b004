"""Calendar files for bookings, built with icalendar: one booking's attachment, or a
person's private feed of everything they booked."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from events.models import Booking
from events.services import feeds

STATUS = {
    Booking.Status.CONFIRMED: "CONFIRMED",
    Booking.Status.PENDING: "TENTATIVE",
    Booking.Status.OFFERED: "TENTATIVE",
}


@lru_cache(maxsize=1)
def _calendar_head():
    calendar = Calendar()
    calendar.add("prodid", feeds.PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar.to_ical()[: -len(feeds.END)]


def _vevent(booking):
    """Same UID on every update of a booking, SEQUENCE following its schedule version."""
    bookable = booking.bookable
    zone = ZoneInfo(bookable.time_zone)
    event = Event()
    event.add("uid", f"booking-{booking.public_id}@tapestry")
    event.add("sequence", bookable.schedule_version)
    event.add("dtstamp", booking.confirmed_at or booking.created_at)
    event.add("dtstart", timezone.localtime(bookable.starts_at, zone))
    event.add("dtend", timezone.localtime(bookable.ends_at, zone))
    event.add("summary", bookable.title)
    if bookable.location:
        event.add("location", bookable.location)
    event.add("status", STATUS.get(booking.status, "CANCELLED"))
    event.add("url", settings.WAGTAILADMIN_BASE_URL)
    return event.to_ical()


def bookings_calendar(bookings):
    """A VCALENDAR of ``bookings`` (with their bookables loaded)."""
    bookings = list(bookings)
    # The feeds' cached VTIMEZONE bytes: building one takes tens of milliseconds.
    zones = sorted({booking.bookable.time_zone for booking in bookings})
    parts = [_calendar_head(), *(feeds.vtimezone_bytes(zone) for zone in zones)]
    parts += [_vevent(booking) for booking in bookings]
    return b"".join([*parts, feeds.END])


def booking_calendar(booking):
    return bookings_calendar([booking])
