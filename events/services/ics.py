"""Calendar files for bookings, built with icalendar: one booking's attachment, or a
person's private feed of everything they booked."""

from datetime import UTC
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event
from icalendar.prop import vDDDTypes, vText

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
    """Same UID on every update of a booking, SEQUENCE following its schedule version.

    Everything but the UID and DTSTAMP is the same for everyone on one bookable, and
    serialising it is most of the cost of a reminder: it is built once per bookable
    state and the two personal lines are added to it.
    """
    bookable = booking.bookable
    status = STATUS.get(booking.status, "CANCELLED")
    shared = _shared_vevent(
        bookable.title,
        bookable.location,
        bookable.time_zone,
        bookable.starts_at,
        bookable.ends_at,
        bookable.schedule_version,
        status,
    )
    # Short ASCII values: no escaping or line folding needed beyond what vText does.
    uid = vText(f"booking-{booking.public_id}@tapestry").to_ical()
    stamp = vDDDTypes((booking.confirmed_at or booking.created_at).astimezone(UTC)).to_ical()
    head, rest = shared.split(b"\r\n", 1)
    return b"\r\n".join([head, b"UID:" + uid, b"DTSTAMP:" + stamp, rest])


@lru_cache(maxsize=512)
def _shared_vevent(title, location, time_zone, starts_at, ends_at, sequence, status):
    zone = ZoneInfo(time_zone)
    event = Event()
    event.add("sequence", sequence)
    event.add("dtstart", timezone.localtime(starts_at, zone))
    event.add("dtend", timezone.localtime(ends_at, zone))
    event.add("summary", title)
    if location:
        event.add("location", location)
    event.add("status", status)
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
