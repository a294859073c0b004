"""Reminders before a booked shift or event: when they fall, queuing them, moving them.

Each reminder is an outbox row keyed by booking and offset and stamped with the
bookable's ``schedule_version``. A material change of time or place raises the version:
rows of the old schedule are withdrawn and new ones owed (``reschedule``), and a row
that slipped through is still skipped at send time (``still_owed``).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from events.bookings.models import Booking, Registration, Shift
from events.bookings.services.notices import notify
from events.outbox.services import outbox

PURPOSE = "booking_reminder"


def _is_registration(bookable):
    if isinstance(bookable, Registration):
        return True
    if isinstance(bookable, Shift):
        return False
    return Registration.objects.filter(pk=bookable.pk).exists()


def reminder_offsets(bookable):
    """Hours before the start, largest first: the bookable's own list or the default
    (attendees and volunteers have different defaults)."""
    if bookable.reminder_hours.strip():
        hours = [float(part) for part in bookable.reminder_hours.split(",") if part.strip()]
    elif _is_registration(bookable):
        hours = settings.TAPESTRY_ATTENDEE_REMINDER_HOURS
    else:
        hours = settings.TAPESTRY_REMINDER_HOURS
    return sorted({timedelta(hours=h) for h in hours if h > 0}, reverse=True)


def schedule_reminders(booking, now):
    """One outbox row per reminder still ahead; none for times already past."""
    bookable = booking.bookable
    for offset in reminder_offsets(bookable):
        due_at = bookable.starts_at - offset
        if due_at <= now:
            continue
        notify(
            booking,
            PURPOSE,
            now,
            version=bookable.schedule_version,
            due_at=due_at,
            about=f":{int(offset.total_seconds())}",
        )


def reschedule(bookable, confirmed, now):
    """The time or place changed (``schedule_version`` raised): withdraw the reminders of
    the old schedule and owe the ``confirmed`` bookings new ones."""
    outbox.cancel_scheduled(
        Q(booking__bookable=bookable, purpose=PURPOSE)
        & ~Q(schedule_version=bookable.schedule_version)
    )
    for booking in confirmed:
        schedule_reminders(booking, now)


def cancel_all(bookable):
    """The shift or event is called off: none of its reminders is owed any more."""
    outbox.cancel_scheduled(Q(booking__bookable=bookable, purpose=PURPOSE))


def still_owed(row, booking, now):
    """At send time: a reminder (or change notice) only for a confirmed place, before the
    start, and only of the schedule it was written for."""
    return (
        booking is not None
        and booking.status == Booking.Status.CONFIRMED
        and now < booking.bookable.starts_at
        and row.schedule_version == booking.bookable.schedule_version
    )
