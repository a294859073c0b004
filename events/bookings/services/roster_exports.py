"""The rows of a roster's CSV exports: fill rates (counts only) and people booked.

Cells are made spreadsheet-safe here, since names and needs are typed by the public.
"""

from django.utils.text import capfirst

from events.bookings.services.roster import SHIFTS, fill_of, local_time
from events.calendar.models import languages

FILL_HEADINGS = SHIFTS.fill_headings
EXPORT_HEADINGS = SHIFTS.export_headings


def fill_row(bookable, now=None, kind=SHIFTS):
    """One line of the fill-rate export: counts only, no personal data."""
    fill = fill_of(bookable, now)
    event = bookable.event
    values = {
        "campaign": event.campaign.title if event.campaign else "",
        "event": event.title,
        "shift": kind.label(bookable),
        "starts": local_time(bookable.starts_at, bookable.time_zone),
        "capacity": "No limit" if fill.unlimited else fill.capacity,
        "confirmed": fill.confirmed,
        "held": fill.held,
        "waitlisted": fill.waitlisted,
        "seats_left": "" if fill.unlimited else fill.seats_left,
        "percent": "" if fill.unlimited else fill.percent,
    }
    return {key: values[key] for key in kind.fill_headings}


def bookable_of(booking, kind=SHIFTS):
    """The Shift or Registration behind a booking of ``roster_bookings`` (already joined)."""
    return getattr(booking.bookable, kind.link.removeprefix("bookable__"))


def export_row(booking, kind=SHIFTS):
    """One line of a roster export, from a booking of ``roster_bookings``."""
    bookable = bookable_of(booking, kind)
    event = bookable.event
    person = booking.person
    values = {
        "campaign": event.campaign.title if event.campaign else "",
        "event": event.title,
        "shift": kind.label(bookable),
        "starts": local_time(bookable.starts_at, bookable.time_zone),
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "language": language_name(booking.language),
        "access_needs": booking.access_needs,
        "confirmations": "; ".join(booking.confirmations),
        "how_heard": booking.get_how_heard_display(),
        "status": booking.get_status_display(),
        "attendance": booking.get_attendance_display(),
        "added_by": booking.added_by,
        "signed_up": local_time(booking.created_at, bookable.time_zone),
    }
    return {key: values[key] for key in kind.export_headings}


def language_name(code):
    """A booking's language named in the reader's language, as a cell starts ("British
    English", "Español"): the calendar's naming of languages, capitalised."""
    return capfirst(languages.language_name(code))


def spreadsheet_safe(value):
    """Text a spreadsheet will not run as a formula.

    Names and needs are typed by the public; a cell starting with = + - or @ would be a
    formula when the CSV is opened in a spreadsheet, so it gets a leading apostrophe.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
