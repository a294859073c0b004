"""Volunteer shifts: publishing them from the event page, and what the public sees.

Editors edit ``EventShift`` rows inline on the event page; ``sync`` (on publish) makes the
bookable ``Shift`` rows match, through the booking engine so that seat counts, waiting
lists and change notices follow the same rules as a sign-up.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.bookings.models import Shift, StandingShift
from events.bookings.services import bookables, booking, kept_shifts
from events.bookings.services.registrations import CALLED_OFF
from events.bookings.services.standing import activate as activate_series
from events.bookings.services.standing import end_standing
from events.calendar import recurrence
from events.calendar.models import EventPage, EventStatus
from events.core.services import editorial_stamp


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
        raise ShiftError(_("The shift must end after it starts (on the same day)."), "end_time")
    if planned.repeats and not event.is_recurring:
        raise ShiftError(_("Only a repeating event's shifts can repeat."), "repeats")
    if planned.repeats and planned.date is not None:
        raise ShiftError(_("A shift at every meeting has no date: leave it empty."), "date")
    if event.is_recurring and planned.date is None and not planned.repeats:
        raise ShiftError(
            _("Choose which meeting this shift is for. Or tick Every meeting."), "date"
        )
    if planned.date is not None and planned.date not in meeting_dates:
        raise ShiftError(_("Choose one of the dates this event meets on."), "date")
    if planned.opens_at and planned.closes_at and planned.closes_at <= planned.opens_at:
        raise ShiftError(_("Sign-up must close after it opens."), "closes_at")


# Shared with registrations; kept under these names for existing callers.
location_for_volunteers = bookables.full_location
venue_for = bookables.venue_for
state = bookables.state


def meeting_times(event, planned, occurrence):
    """A repeating shift's start and end at one meeting: its clock times on the meeting's
    original date, moved by as much as the meeting was moved (date and time)."""
    zone = event.zone
    original = recurrence.to_local_naive(occurrence.recurrence_id, zone)
    moved_by = recurrence.to_local_naive(occurrence.start, zone) - original
    day = original.date()
    start = datetime.combine(day, planned.start_time) + moved_by
    end = datetime.combine(day, planned.end_time) + moved_by
    return recurrence.localise(start, zone), recurrence.localise(end, zone)


def meeting_uid(planned_uid, key):
    """The stored uid of a repeating shift's instance at the meeting ``key``."""
    return uuid.uuid5(planned_uid, key)


def _fill(shift, event, planned, order, occurrence=None):
    """Copy an ``EventShift`` (and its event's settings) onto a ``Shift``; for a repeating
    shift, at one ``occurrence``."""
    if occurrence is not None:
        shift.starts_at, shift.ends_at = meeting_times(event, planned, occurrence)
        shift.occurrence_key = occurrence.key
        shift.series_uid = planned.uid
    else:
        shift.starts_at, shift.ends_at = times(event, planned)
        shift.occurrence_key = planned.date.isoformat() if event.is_recurring else ""
        shift.series_uid = None
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
    cancelled_meetings = set()
    if not called_off:
        meetings = list(event.occurrences.all()) if event.is_recurring else []
        for order, planned in enumerate(event.shifts.all()):
            if not (event.is_recurring and planned.repeats):
                kept.add(planned.uid)
                _publish(event, planned, order, existing.get(planned.uid), planned.uid, now)
                continue
            for meeting in meetings:
                uid = meeting_uid(planned.uid, meeting.key)
                if meeting.cancelled:
                    cancelled_meetings.add(uid)
                    continue
                shift = existing.get(uid)
                if shift is None and meeting.end <= now:
                    continue  # no new shifts for meetings already over
                kept.add(uid)
                _publish(event, planned, order, shift, uid, now, meeting)
    for uid, shift in existing.items():
        if uid in kept or shift.removed_at is not None:
            continue
        # A cancelled meeting's volunteers hear the meeting is off, not just their shift.
        if uid in cancelled_meetings:
            bookables.retire(shift, now, purpose=CALLED_OFF)
        else:
            bookables.retire(shift, now)
    if called_off or not event.is_recurring:
        StandingShift.objects.filter(event=event, status__in=STANDING_LIVE).update(
            status=StandingShift.Status.CANCELLED, cancelled_at=now
        )
        return
    # A shift no longer at every meeting (removed, or given one date) ends its commitments;
    # its meetings' bookings were withdrawn above, with notices.
    repeating = [planned.uid for planned in event.shifts.all() if planned.repeats]
    StandingShift.objects.filter(event=event, status__in=STANDING_LIVE).exclude(
        series_uid__in=repeating
    ).update(status=StandingShift.Status.CANCELLED, cancelled_at=now)
    # New meetings' shifts (the horizon moved on, or the page was published) are booked for
    # everyone who takes every meeting.
    for standing in StandingShift.objects.filter(
        event=event, status=StandingShift.Status.ACTIVE
    ).select_related("person"):
        extend_standing(standing, now=now)


def _publish(event, planned, order, shift, uid, now, meeting=None):
    if shift is None:
        shift = Shift(event=event, uid=uid, capacity=planned.capacity)
        _fill(shift, event, planned, order, meeting)
        shift.save()
        return
    # A meeting back on takes sign-ups again (``_fill`` clears ``removed_at``; old
    # bookings stay cancelled).
    _fill(shift, event, planned, order, meeting)
    booking.update_published(shift, capacity=planned.capacity, now=now)


def sync_repeating(*, now=None):
    """Daily, after the occurrences' horizon moved on: every live repeating event with a
    shift at every meeting gets the new meetings' shifts."""
    events = (
        EventPage.objects.live()
        .in_source_language()
        .filter(shifts__repeats=True)
        .exclude(rrule="")
        .distinct()
    )
    for event in events:
        sync(event, now=now)
    # New shift rows without a publish: what is kept under the stamp (the roles on offer,
    # shift previews' sections) is read again.
    editorial_stamp.renew()


# Every meeting until I stop ----------------------------------------------------------

STANDING_LIVE = [StandingShift.Status.PENDING, StandingShift.Status.ACTIVE]


def sign_up(shift, *, every_meeting=False, now=None, **person):
    """Sign up for one shift; with ``every_meeting`` on a shift that repeats, also ask to
    be booked on every later meeting's shift (from when this one is confirmed by email)."""
    now = now or timezone.now()
    with transaction.atomic():
        outcome = booking.sign_up(shift.pk, now=now, **person)
        if every_meeting and shift.series_uid and not outcome.already_booked:
            _ask_for_standing(shift, outcome.booking, now)
    return outcome


def _ask_for_standing(shift, first, now):
    existing = StandingShift.objects.filter(
        series_uid=shift.series_uid, person=first.person, status__in=STANDING_LIVE
    ).first()
    if existing is None:
        StandingShift.objects.create(
            event=shift.event,
            series_uid=shift.series_uid,
            person=first.person,
            first_booking=first,
            created_at=now,
        )
    elif existing.status == StandingShift.Status.PENDING:
        # An earlier request never confirmed: this booking's confirmation counts instead.
        existing.first_booking = first
        existing.save(update_fields=["first_booking"])


def activate_standing(confirmed_booking, now):
    """Called when a booking is confirmed by its emailed link: if it was the first shift of
    a volunteer's "every meeting", that commitment is now active and books the rest."""
    activate_series(StandingShift, confirmed_booking, now, extend_standing)


def extend_standing(standing, *, now=None):
    """Book the series' shifts still ahead. Shifts exist only for meetings within the
    occurrences' horizon, so this follows it as ``sync_repeating`` adds meetings."""
    now = now or timezone.now()
    if standing.status != StandingShift.Status.ACTIVE:
        return []
    ahead = Shift.objects.current().filter(series_uid=standing.series_uid, starts_at__gt=now)
    first = standing.first_booking
    booked = []
    for shift in ahead:
        # The first booking is the volunteer's own: repeat its contact and access answers.
        result = booking.book_standing(
            shift.pk,
            standing.person,
            access_needs=first.access_needs if first else "",
            now=now,
        )
        if result is not None:
            booked.append(result)
    return booked


def stop_standing(standing, *, now=None):
    """ "Stop": no more meetings are booked, and the series' shifts ahead are given up
    through the engine (the waiting list is offered the seats, the volunteer is told)."""
    end_standing(
        standing,
        meetings=Q(bookable__shift__series_uid=standing.series_uid),
        tell_person=True,
        now=now,
    )


def every_meeting_people(shift):
    """Ids of the people booked on this shift because they help at every meeting (for
    the roster). Empty for anything that is not a repeating shift."""
    series_uid = getattr(shift, "series_uid", None)
    if series_uid is None:
        return set()
    return set(
        StandingShift.objects.filter(
            series_uid=series_uid, status=StandingShift.Status.ACTIVE
        ).values_list("person_id", flat=True)
    )


def seats_held(event):
    """Seats already held per inline shift uid, for the editor's capacity check (for a shift
    at every meeting, the most held at any one meeting)."""
    held = {}
    rows = Shift.objects.filter(event=event, removed_at__isnull=True)
    for uid, series_uid, taken in rows.values_list("uid", "series_uid", "seats_taken"):
        key = series_uid or uid
        held[key] = max(held.get(key, 0), taken)
    return held


# What the public sees ------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftCard:
    shift: Shift
    state: str  # "open", "full" (waiting list), "not_open", "closed"
    url: str

    @property
    def seats_left(self):
        return self.shift.seats_left


def upcoming_for_event_until(event, *, occurrence_key=None, now=None, request=None, limit=None):
    """(cards, until): the event's shifts still ahead (one meeting's, when a key is given),
    as cards, soonest first, the first ``limit`` only when given (only those rows are
    read); and the moment the clock next changes them (None: no such moment), for a list
    drawn from them and kept while they stand."""
    now = now or timezone.now()
    upcoming, until = kept_shifts.rows_until(
        "event",
        (event.pk, occurrence_key),
        lambda: event_upcoming(event, occurrence_key=occurrence_key, now=now),
        now,
        limit=limit,
    )
    return cards(upcoming, now, request, event=event), until


# What a shift card shows and is decided by (events/includes/shift_cards.html, ``state``,
# its sign-up address): lists of cards read these of a shift's two dozen columns. Fewer
# columns to write into each query and to read into each row: on the volunteering page,
# twenty cards a view.
CARD_FIELDS = (
    *("id", "bookable_ptr", "event", "role", "description", "requirements", "sort_order"),
    *("starts_at", "ends_at", "time_zone", "capacity", "opens_at", "closes_at"),
)


def event_upcoming(event, *, occurrence_key=None, now=None):
    """The query behind ``upcoming_for_event_until``, soonest first (for a page of it)."""
    now = now or timezone.now()
    shifts = Shift.objects.current().with_public_seats().filter(event=event, ends_at__gt=now)
    if occurrence_key is not None and event.is_recurring:
        shifts = shifts.filter(occurrence_key=occurrence_key)
    return shifts.only(*CARD_FIELDS).order_by("starts_at", "sort_order", "pk")


def page_of_event_shifts(event, page_number, *, now=None, request=None, per_page=20):
    """One page of the event's shifts still ahead (its "every shift" sub-page)."""
    now = now or timezone.now()
    return page_of_cards(
        "event", (event.pk,), lambda: event_upcoming(event, now=now), page_number, per_page,
        now=now, request=request, event=event,
    )  # fmt: skip


def cards(shifts, now=None, request=None, *, event=None):
    """Shift cards for rows already chosen: each with its state and its sign-up address.
    One page address per event; ``event`` when every row is that event's (then the rows
    need not have been read with their event)."""
    now = now or timezone.now()
    addresses = {}
    found = []
    for shift in shifts:
        shown = event or shift.event
        if shown.pk not in addresses:
            addresses[shown.pk] = shown.get_url(request) or ""
        url = addresses[shown.pk] + shown.reverse_subpage(
            "shift_signup", kwargs={"shift_id": shift.pk}
        )
        found.append(ShiftCard(shift, state(shift, now), url))
    return found


def page_of_cards(
    name, values, shifts, page_number, per_page, *, now=None, request=None, event=None
):
    """One page of ``shifts()`` (an ordered query, built only when read: the list
    ``name``, which ``values`` decide) as cards: only the page's rows read, with their
    count beside them, and kept while they stand (``kept_shifts``); a page number that is
    not a number gives the first page, one past the end the last
    (``events.core.services.pagination``)."""
    return page_of_cards_until(
        name, values, shifts, page_number, per_page, now=now, request=request, event=event
    )[0]


def page_of_cards_until(
    name, values, shifts, page_number, per_page, *, now=None, request=None, event=None
):
    """(page, until): ``page_of_cards()`` and the moment the clock next changes it (None:
    no such moment), for a list drawn from it and kept while it stands."""
    now = now or timezone.now()
    page, until = kept_shifts.page_until(name, values, shifts, page_number, per_page, now)
    page.object_list = cards(page.object_list, now, request, event=event)
    return page, until
