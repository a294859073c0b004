"""Volunteer hours: from the shift's times, adjusted by check-in.

A confirmed volunteer on a shift that has ended counts the shift's length, unless marked
as not come (zero) or a coordinator corrected the figure. Nothing else counts: pending,
waiting and cancelled places never were hours. The bookings (times, attendance,
corrections) stay when the retention purge forgets people, so a campaign's totals survive
it as counts with no names.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.bookings.models import Booking
from events.bookings.services.booking import BookingError

Status = Booking.Status
MAX_CORRECTION = Decimal("24")
QUARTER = Decimal("0.01")


def _round(value):
    return Decimal(value).quantize(QUARTER, rounding=ROUND_HALF_UP)


def scheduled(bookable):
    return _round(Decimal((bookable.ends_at - bookable.starts_at).total_seconds()) / 3600)


def of(booking, now=None):
    """The hours one booking counts (``booking.bookable`` loaded)."""
    now = now or timezone.now()
    if booking.status != Status.CONFIRMED:
        return Decimal("0.00")
    if booking.hours_corrected is not None:
        return _round(booking.hours_corrected)
    if booking.attendance == Booking.Attendance.NO_SHOW or booking.bookable.ends_at > now:
        return Decimal("0.00")
    return scheduled(booking.bookable)


def correct(booking_id, value, now=None):
    """A coordinator's figure for one confirmed booking ("" clears it). Returns the booking."""
    text = (value or "").strip()
    corrected = None
    if text:
        try:
            number = Decimal(text)
            if not number.is_finite():  # "NaN", "Infinity"
                raise ArithmeticError
            corrected = _round(number)
        except ArithmeticError:
            raise BookingError(
                gettext("Give the hours as a number, e.g. 2.5."), "invalid"
            ) from None
        if not Decimal("0") <= corrected <= MAX_CORRECTION:
            raise BookingError(gettext("Give between 0 and 24 hours."), "invalid")
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking_id)
        if booking.status != Status.CONFIRMED:
            raise BookingError(
                gettext("Hours are only recorded for confirmed volunteers."), "invalid"
            )
        booking.hours_corrected = corrected
        booking.save(update_fields=["hours_corrected"])
    return booking


def shift_bookings():
    """Confirmed bookings on volunteer shifts, with what the totals need loaded."""
    return Booking.objects.select_related(
        "person", "bookable", "bookable__shift__event__campaign"
    ).filter(bookable__shift__isnull=False, status=Status.CONFIRMED)


@dataclass
class Total:
    label: str
    hours: Decimal = Decimal("0.00")
    shifts: int = 0
    people: set = field(default_factory=set)

    @property
    def people_count(self):
        return len(self.people)


BY = {
    "person": _("Person"),
    "shift": _("Shift"),
    "event": _("Event"),
    "campaign": _("Campaign"),
}


def _key(booking, by):
    shift = booking.bookable.shift
    if by == "person":
        name = booking.person.name or "(details removed)"
        return booking.person_id, name
    if by == "shift":
        return shift.pk, f"{shift.role}: {shift.event.title}, {shift.starts_at:%Y-%m-%d}"
    if by == "event":
        return shift.event_id, shift.event.title
    campaign = shift.event.campaign
    return (campaign.pk, campaign.title) if campaign else (None, "No campaign")


def totals(by="person", bookings=None, now=None):
    """Hours per person, shift, event or campaign, largest first."""
    now = now or timezone.now()
    if by not in BY:
        by = "person"
    groups = {}
    for booking in bookings if bookings is not None else shift_bookings():
        hours = of(booking, now)
        if not hours:
            continue
        key, label = _key(booking, by)
        total = groups.setdefault(key, Total(label))
        total.hours += hours
        total.shifts += 1
        total.people.add(booking.person_id)
    return sorted(groups.values(), key=lambda total: (-total.hours, total.label))


def for_person(person, now=None):
    """A volunteer's past shifts with hours, and the total, for their page and certificate."""
    now = now or timezone.now()
    rows = [
        (booking, of(booking, now))
        for booking in shift_bookings()
        .filter(person=person, bookable__ends_at__lte=now)
        .order_by("bookable__starts_at")
    ]
    rows = [(booking, hours) for booking, hours in rows if hours]
    return rows, sum((hours for _, hours in rows), Decimal("0.00"))


def campaign_totals(campaign, now=None):
    """A campaign's hours, shifts and distinct volunteers: counts only, survives the purge."""
    bookings = shift_bookings().filter(bookable__shift__event__campaign=campaign)
    found = totals("campaign", bookings, now)
    return found[0] if found else Total(campaign.title)
