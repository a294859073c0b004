"""Attendee registration (RSVP): the event page's settings made bookable, and the public
side of it. Seats, holds, double opt-in, waiting lists and notices are the booking engine's
(``events.bookings.services.booking``), exactly as for volunteer shifts.

Places are per meeting. A one-off event has one ``Registration``; a repeating event gets one
per meeting, created the first time someone books that meeting (so an endless weekly group
does not carry a year of empty rows). Until then the meeting is described by an unsaved
``Registration`` filled the same way, so pages show the same places and state.

"Every meeting until I cancel" is a ``StandingRegistration``: the person books (and
confirms by email) one meeting as usual; confirming it activates the standing registration,
which then books each meeting as it comes within ``TAPESTRY_STANDING_REGISTRATION_DAYS``
(on publish and daily), one ordinary booking per meeting.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from events.bookings.models import (
    UNLIMITED,
    Registration,
    StandingRegistration,
)
from events.bookings.services import bookables, booking
from events.bookings.services.standing import activate as activate_series
from events.bookings.services.standing import end_standing
from events.calendar.models import EventStatus, RegistrationMode

CALLED_OFF = "booking_called_off"
LIVE = [StandingRegistration.Status.PENDING, StandingRegistration.Status.ACTIVE]


def is_open(event):
    return event.registration_mode == RegistrationMode.OPEN


def capacity_for(event):
    return event.registration_capacity or UNLIMITED


def meeting(event, key=None):
    """The Occurrence a registration is for: the given meeting of a repeating event, or
    the one-off's only occurrence. ``None`` when the key names no meeting."""
    if not event.is_recurring:
        return event.occurrences.select_related("venue").first()
    if key is None:
        return None
    return event.occurrences.select_related("venue").filter(key=key).first()


def next_meeting(event, now=None):
    """The next meeting that still takes place (for "register" on a series' main page)."""
    now = now or timezone.now()
    return (
        event.occurrences.select_related("venue")
        .filter(start__gt=now, cancelled=False)
        .order_by("start")
        .first()
    )


def _key(event, occurrence):
    return occurrence.key if event.is_recurring and occurrence is not None else ""


def _fill(registration, event, occurrence):
    """Copy the event's settings (and the meeting's time and place) onto a Registration."""
    if event.is_recurring:
        registration.starts_at, registration.ends_at = occurrence.start, occurrence.end
        # The meeting's real day: a moved meeting is named by its new date.
        local = timezone.localtime(occurrence.start, event.zone)
        registration.title = f"{event.title}, {local:%A} {local.day} {local:%B %Y}"[:200]
        venue = occurrence.venue
    else:
        registration.starts_at, registration.ends_at = event.starts_at, event.ends_at
        registration.title = event.title[:200]
        venue = event.venue
    if event.attendance_mode == "online":
        venue = None
    # The full address and join link: only people who registered ever see a Bookable's
    # location (their mail, calendar file, feed and manage page).
    registration.location = bookables.full_location(event, venue)
    registration.time_zone = event.time_zone
    registration.opens_at = event.registration_opens_at
    closes = event.registration_closes_at
    registration.closes_at = min(closes, registration.starts_at) if closes else None
    registration.allow_overlap = event.volunteers_may_overlap
    registration.reminder_hours = event.registration_reminder_hours
    registration.occurrence_key = _key(event, occurrence)


def registration_for(event, occurrence, *, create=False):
    """The meeting's Registration: the stored one, else (``create``) a new stored one,
    else an unsaved one that describes the empty meeting. None if there is no meeting."""
    if occurrence is None:
        return None
    key = _key(event, occurrence)
    found = Registration.objects.filter(event=event, occurrence_key=key).first()
    if found is not None:
        if create and found.removed_at is not None and not occurrence.cancelled:
            # The meeting is back on: take registrations again (old bookings stay cancelled).
            _fill(found, event, occurrence)
            found.removed_at = None
            booking.update_published(found, capacity=capacity_for(event))
        return found
    registration = Registration(event=event, capacity=capacity_for(event))
    _fill(registration, event, occurrence)
    if not create:
        return registration
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # two first registrations for the meeting at once
        registration = Registration.objects.get(event=event, occurrence_key=key)
    return registration


def most_held(event):
    """The most places held at any one meeting, for the editor's capacity check."""
    held = Registration.objects.current().filter(event=event).values_list("seats_taken", flat=True)
    return max(held, default=0)


def sync(event, *, now=None):
    """After a publish: stored registrations follow the page.

    A new time, place or join link goes through ``booking.update_published`` (seats kept,
    confirmed people sent a change notice with the updated calendar file, reminders moved);
    a cancelled meeting or event withdraws everyone with "this meeting is cancelled".
    """
    now = now or timezone.now()
    called_off = event.status == EventStatus.CANCELLED
    current = list(Registration.objects.current().filter(event=event))
    # The meetings are read only for registrations to follow (none yet, after most publishes).
    occurrences = (
        {row.key: row for row in event.occurrences.select_related("venue")} if current else {}
    )
    for registration in current:
        if event.is_recurring:
            occurrence = occurrences.get(registration.occurrence_key)
        else:
            occurrence = next(iter(occurrences.values()), None)
        if called_off or occurrence is None or occurrence.cancelled:
            bookables.retire(registration, now, purpose=CALLED_OFF)
            continue
        _fill(registration, event, occurrence)
        booking.update_published(registration, capacity=capacity_for(event), now=now)
    if called_off or not event.is_recurring:
        StandingRegistration.objects.filter(
            event=event,
            status__in=LIVE,
        ).update(status=StandingRegistration.Status.CANCELLED, cancelled_at=now)
        return
    if is_open(event):
        for standing in StandingRegistration.objects.filter(
            event=event, status=StandingRegistration.Status.ACTIVE
        ).select_related("person"):
            extend(standing, now=now)


def sign_up(event, occurrence, *, every_meeting=False, now=None, **person):
    """Register for one meeting (or the one-off event); with ``every_meeting`` on a
    repeating event, also ask for every later meeting until cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = registration_for(event, occurrence, create=True)
        outcome = booking.sign_up(registration.pk, now=now, **person)
        if every_meeting and event.is_recurring and not outcome.already_booked:
            _ask_for_standing(event, outcome.booking, now)
    return outcome


def _ask_for_standing(event, first, now):
    existing = StandingRegistration.objects.filter(
        event=event,
        person=first.person,
        status__in=LIVE,
    ).first()
    if existing is None:
        StandingRegistration.objects.create(
            event=event,
            person=first.person,
            first_booking=first,
            access_needs=first.access_needs,
            how_heard=first.how_heard,
            created_at=now,
        )
    elif existing.status == StandingRegistration.Status.PENDING:
        # An earlier request never confirmed: this booking's confirmation counts instead.
        existing.first_booking = first
        existing.save(update_fields=["first_booking"])


def activate_standing(confirmed_booking, now):
    """Called by the engine when a booking is confirmed: if it was the first meeting of a
    standing registration, that registration is now active and books the next meetings."""
    # A volunteer's "every meeting" on a repeating shift opts in the same way. Imported
    # here: shifts builds on this module.
    from events.bookings.services import shifts

    shifts.activate_standing(confirmed_booking, now)
    activate_series(StandingRegistration, confirmed_booking, now, extend)


def standing_days():
    return settings.TAPESTRY_STANDING_REGISTRATION_DAYS


def extend(standing, *, now=None):
    """Book the standing registration's meetings that start within the next few weeks."""
    now = now or timezone.now()
    event = standing.event
    if not event.live or not is_open(event) or event.status == EventStatus.CANCELLED:
        return []
    upcoming = event.occurrences.select_related("venue").filter(
        start__gt=now, start__lte=now + timedelta(days=standing_days()), cancelled=False
    )
    booked = []
    for occurrence in upcoming:
        registration = registration_for(event, occurrence, create=True)
        result = booking.book_standing(
            registration.pk,
            standing.person,
            access_needs=standing.access_needs,
            how_heard=standing.how_heard,
            now=now,
        )
        if result is not None:
            booked.append(result)
    return booked


def extend_all(now=None):
    """Daily (beat): every active standing registration books the meetings now in range."""
    now = now or timezone.now()
    count = 0
    standings = StandingRegistration.objects.filter(
        status=StandingRegistration.Status.ACTIVE, event__live=True
    ).select_related("person", "event")
    for standing in standings:
        count += len(extend(standing, now=now))
    return count


def stop_standing(standing, *, now=None):
    """ "Stop registering me": no more meetings are booked, and the ones ahead are given up."""
    end_standing(
        standing,
        meetings=Q(bookable__registration__event=standing.event),
        tell_person=False,
        now=now,
    )


# What the public sees ------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationCard:
    registration: Registration
    state: str  # "open", "full", "not_open", "closed", "cancelled"
    url: str

    @property
    def unlimited(self):
        return self.registration.is_unlimited

    @property
    def seats_left(self):
        return self.registration.seats_left


def register_url(event, occurrence=None, request=None):
    base = event.get_url(request) or ""
    if event.is_recurring and occurrence is not None:
        return base + event.reverse_subpage(
            "occurrence_register_view", kwargs={"key": occurrence.key}
        )
    return base + event.reverse_subpage("register_view")


def card(event, occurrence=None, *, now=None, request=None):
    """The "Register" box for an event page (a series' page: its next meeting)."""
    now = now or timezone.now()
    if not is_open(event):
        return None
    if occurrence is None:
        occurrence = next_meeting(event, now) if event.is_recurring else meeting(event)
    registration = registration_for(event, occurrence)
    if registration is None:
        return None
    if occurrence.cancelled or event.status == EventStatus.CANCELLED:
        status = "cancelled"
    else:
        status = bookables.state(registration, now)
    return RegistrationCard(registration, status, register_url(event, occurrence, request))
