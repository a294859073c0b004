"""Calendar attachments for one booking, built with icalendar."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Tapestry//Campaign events//EN"


def booking_calendar(booking):
    """A VCALENDAR with the booked time; same UID on every update, SEQUENCE increasing."""
    bookable = booking.bookable
    zone = ZoneInfo(bookable.time_zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.public_id}@tapestry")
    event.add("sequence", bookable.schedule_version)
    event.add("dtstamp", booking.confirmed_at or booking.created_at)
    event.add("dtstart", timezone.localtime(bookable.starts_at, zone))
    event.add("dtend", timezone.localtime(bookable.ends_at, zone))
    event.add("summary", bookable.title)
    if bookable.location:
        event.add("location", bookable.location)
    event.add("status", "CONFIRMED" if booking.status == "confirmed" else "CANCELLED")
    event.add("url", settings.WAGTAILADMIN_BASE_URL)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
