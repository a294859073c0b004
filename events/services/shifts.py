"""Volunteer shifts: publishing them from the event page, and what the public sees.

Editors edit ``EventShift`` rows inline on the event page; ``sync`` (on publish) makes the
bookable ``Shift`` rows match, through the booking engine so that seat counts, waiting
lists and change notices follow the same rules as a sign-up.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from events.models import EventStatus, Shift
from events.services import bookables, booking, recurrence


class ShiftError(ValueError):
    """An inline shift that cannot be published as it stands; ``field`` names the input."""

    def __init__(self, message, field):
        super().__init__(message)
        self.field = field


def times(event, planned):
    """Aware start and end of an ``EventShift``, in its event's time zone."""
    day = planned.date or event.start_date
    start = recurrence.localise(datetime.combine(day, planned.start_time), event.zone)
    end = recurrence.localise(datetime.combine(day, planned.end_time), event.zone)
    return start, end


def check(event, planned, meeting_dates):
    """Refuse a shift that does not fit its event; ``meeting_dates`` are the local dates
    the event meets on (every date a repeating event gives, or the one-off's days)."""
    if planned.start_time and planned.end_time and planned.end_time <= planned.start_time:
        raise ShiftError("The shift must end after it starts (on the same day).", "end_time")
    if event.is_recurring and planned.date is None:
        raise ShiftError("Choose which meeting this shift is for.", "date")
    if planned.date is not None and planned.date not in meeting_dates:
        raise ShiftError("Choose one of the dates this event meets on.", "date")
    if planned.opens_at and planned.closes_at and planned.closes_at <= planned.opens_at:
        raise ShiftError("Sign-up must close after it opens.", "closes_at")


# Shared with registrations; kept under these names for existing callers.
location_for_volunteers = bookables.full_location
venue_for = bookables.venue_for
state = bookables.state


def _fill(shift, event, planned, order):
    """Copy an ``EventShift`` (and its event's settings) onto a ``Shift``."""
    shift.starts_at, shift.ends_at = times(event, planned)
    shift.occurrence_key = planned.date.isoformat() if event.is_recurring else ""
    shift.role = planned.role
    shift.title = f"{planned.role}: {event.title}"[:200]
    shift.description = planned.description
    shift.requirements = planned.requirements
    shift.location_note = planned.location_note
    shift.location = location_for_volunteers(
        event, venue_for(event, shift.occurrence_key), planned.location_note
    )
    shift.time_zone = event.time_zone
    shift.opens_at, shift.closes_at = planned.opens_at, planned.closes_at
    shift.allow_overlap = event.volunteers_may_overlap
    shift.reminder_hours = event.reminder_hours
    shift.sort_order = order
    shift.removed_at = None


def sync(event, *, now=None):
    """Make the live event's bookable shifts match its published inline shifts.

    New shifts are created; changed ones go through ``booking.update_published`` (seats
    kept, waiting list offered new seats, confirmed volunteers told of a new time or
    place); shifts removed from the page, or all of them when the event is cancelled,
    are withdrawn and everyone booked on them is told.
    """
    now = now or timezone.now()
    existing = {shift.uid: shift for shift in Shift.objects.filter(event=event)}
    called_off = event.status == EventStatus.CANCELLED
    kept = set()
    if not called_off:
        for order, planned in enumerate(event.shifts.all()):
            kept.add(planned.uid)
            shift = existing.get(planned.uid)
            if shift is None:
                shift = Shift(event=event, uid=planned.uid, capacity=planned.capacity)
                _fill(shift, event, planned, order)
                shift.save()
                continue
            _fill(shift, event, planned, order)
            booking.update_published(shift, capacity=planned.capacity, now=now)
    for uid, shift in existing.items():
        if uid in kept or shift.removed_at is not None:
            continue
        bookables.retire(shift, now)


def seats_held(event):
    """Seats already held per inline shift uid, for the editor's capacity check."""
    return dict(
        Shift.objects.filter(event=event, removed_at__isnull=True).values_list("uid", "seats_taken")
    )


# What the public sees ------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftCard:
    shift: Shift
    state: str  # "open", "full" (waiting list), "not_open", "closed"
    url: str

    @property
    def seats_left(self):
        return self.shift.seats_left


def upcoming_for_event(event, *, occurrence_key=None, now=None, request=None):
    """The event's shifts still ahead (one meeting's, when a key is given), as cards."""
    now = now or timezone.now()
    shifts = Shift.objects.current().filter(event=event, ends_at__gt=now)
    if occurrence_key is not None and event.is_recurring:
        shifts = shifts.filter(occurrence_key=occurrence_key)
    base = event.get_url(request) or ""
    return [
        ShiftCard(
            shift,
            state(shift, now),
            base + event.reverse_subpage("shift_signup", kwargs={"shift_id": shift.pk}),
        )
        for shift in shifts
    ]


def open_for_campaign(campaign, *, now=None, request=None, limit=24):
    """Shifts of the campaign's live, public events that people can still sign up for."""
    now = now or timezone.now()
    shifts = (
        Shift.objects.current()
        .filter(event__campaign=campaign, event__live=True, ends_at__gt=now)
        .select_related("event")
    )
    cards = []
    for shift in shifts:
        event = shift.event
        if event.get_view_restrictions().exists():
            continue
        shift_state = state(shift, now)
        if shift_state in ("open", "full"):
            url = (event.get_url(request) or "") + event.reverse_subpage(
                "shift_signup", kwargs={"shift_id": shift.pk}
            )
            cards.append(ShiftCard(shift, shift_state, url))
        if len(cards) >= limit:
            break
    return cards
