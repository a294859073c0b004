"""What volunteer shifts and attendee registrations share once published from a page.

Both are Bookables made from an event page by a sync on publish (``shifts.sync``,
``registrations.sync``). The rules here are the ones they have in common: the full place
people who booked are told (private details included: they registered), the venue of a
meeting, the state a card shows, and retiring a bookable whose event is called off.
"""

from django.db import transaction

from events.bookings.services import booking
from events.calendar.models import AttendanceMode


def full_location(event, venue, note=""):
    """Where to go, in full, for people who booked: a private address or link is fine."""
    parts = []
    if venue is not None and event.attendance_mode != AttendanceMode.ONLINE:
        address = ", ".join(line.strip() for line in venue.address.splitlines() if line.strip())
        parts.append(f"{venue.name}, {address}" if address else venue.name)
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        parts.append(f"Online: {event.join_url}" if event.join_url else "Online")
    if note:
        parts.append(note)
    return " / ".join(parts)[:255]


def venue_for(event, occurrence_key):
    """The venue of one meeting (a changed meeting may meet elsewhere), else the event's."""
    if occurrence_key:
        occurrence = event.occurrences.filter(key=occurrence_key).select_related("venue").first()
        if occurrence is not None and occurrence.venue is not None:
            return occurrence.venue
    return event.venue


def state(bookable, now):
    """One of "not_open", "closed", "open", "full" (the waiting list is open)."""
    if bookable.opens_at and now < bookable.opens_at:
        return "not_open"
    if now >= (bookable.closes_at or bookable.starts_at):
        return "closed"
    # The public count (confirmed places only): the state must not move when a stranger
    # makes an unconfirmed hold, or it would tell whether an address was already booked.
    return "open" if bookable.public_seats_left else "full"


def retire(bookable, now, purpose="booking_withdrawn"):
    """Withdraw everyone booked (telling them with ``purpose``) and mark it removed."""
    with transaction.atomic():
        booking.withdraw_all(bookable.pk, now=now, purpose=purpose)
        type(bookable).objects.filter(pk=bookable.pk).update(removed_at=now)
        bookable.removed_at = now
