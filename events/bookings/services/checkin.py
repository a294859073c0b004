"""Check-in at the door: today's shifts and meetings, who has come, walk-ins.

A tap at the door may be sent twice (a flaky connection retried, two coordinators on one
list), so checking in is a conditional UPDATE: the database lets exactly one of two
concurrent taps change the row, and the other learns the person was already in. The
rules for when attendance may be recorded are ``roster``'s.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.bookings.models import Booking
from events.bookings.services import roster
from events.bookings.services.booking import BookingError

Attendance = Booking.Attendance
Status = Booking.Status


@dataclass(frozen=True)
class Counts:
    expected: int  # confirmed people
    arrived: int
    no_show: int

    @property
    def waiting(self):
        return self.expected - self.arrived - self.no_show


@dataclass(frozen=True)
class Tap:
    booking: Booking
    changed: bool  # False: the person was already in that state (a repeated tap)


def today_window(now=None, zone=None):
    """Start and end of the local day (the site's time zone unless one is given)."""
    now = now or timezone.now()
    zone = zone or timezone.get_current_timezone()
    day = timezone.localtime(now, zone).date()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def todays(kind, now=None):
    """Today's shifts (or meetings with registration) still on their page, by start."""
    start, end = today_window(now)
    return list(
        roster.with_counts(
            kind.bookables().filter(starts_at__lt=end, ends_at__gt=start).select_related("event")
        ).order_by(*kind.order)
    )


def counts(bookable):
    rows = Booking.objects.filter(bookable_id=bookable.pk, status=Status.CONFIRMED)
    return Counts(
        expected=rows.count(),
        arrived=rows.filter(attendance=Attendance.ATTENDED).count(),
        no_show=rows.filter(attendance=Attendance.NO_SHOW).count(),
    )


def people(bookable, query=""):
    """Confirmed people on the shift, by name; ``query`` narrows by a part of the name."""
    rows = Booking.objects.select_related("person").filter(
        bookable_id=bookable.pk, status=Status.CONFIRMED
    )
    query = " ".join(query.split())
    if query:
        rows = rows.filter(Q(person__name__icontains=query))
    return rows.order_by("person__name", "pk")


def tap(booking_id, arrived, *, now=None, kind=roster.SHIFTS):
    """Mark someone arrived (``arrived=True``) or undo it; safe to repeat.

    Returns a Tap saying whether this call changed anything. Refusals (not confirmed, too
    early) raise BookingError with the same words as the roster.
    """
    now = now or timezone.now()
    value = Attendance.ATTENDED if arrived else Attendance.UNKNOWN
    with transaction.atomic():
        booking = Booking.objects.select_related("bookable", "person").get(pk=booking_id)
        if booking.status != Status.CONFIRMED:
            raise BookingError(kind.text("only_confirmed"), "not_confirmed")
        if not roster.attendance_open(booking.bookable, now):
            raise BookingError(kind.text("too_early"), "too_early")
        # Conditional: of two concurrent taps exactly one matches the old state.
        changed = (
            Booking.objects.filter(pk=booking.pk, status=Status.CONFIRMED)
            .exclude(attendance=value)
            .update(attendance=value)
        )
    booking.attendance = value
    return Tap(booking=booking, changed=bool(changed))


def walk_in(bookable_id, *, name, email, phone="", added_by="", now=None, kind=roster.SHIFTS):
    """Someone turns up without a booking: book them (capacity holds) and check them in."""
    now = now or timezone.now()
    with transaction.atomic():
        bookable = kind.model.objects.get(pk=bookable_id)
        if not roster.attendance_open(bookable, now):
            raise BookingError(kind.text("walk_in_too_early"), "too_early")
        outcome = roster.add_by_hand(
            bookable_id,
            name=name,
            email=email,
            phone=phone,
            added_by=added_by,
            now=now,
            kind=kind,
        )
        return tap(outcome.booking.pk, True, now=now, kind=kind)
