"""What coordinators see and do with the people booked on shifts and registrations.

Volunteer shifts and attendee registrations are both Bookables booked through one engine;
for coordinators they differ only in names, columns and where they hang off the event.
A ``Kind`` (``SHIFTS`` or ``REGISTRATIONS``) carries those differences, and every function
here takes one, so both lists share one code path and one set of permission rules.

Here: fill rates, attendance, the waiting list's order and who is booked. Beside it:
``roster_exports`` (CSV rows), ``roster_messages`` (mail to a shift) and ``signup_chart``
(registrations over time). Anything that changes who holds a seat (adding or removing
someone by hand) is the booking engine's (``events.bookings.services.booking``); this
module only reads seats and records attendance.

Who may see what is decided here too: counts are for anyone with admin access, names and
contact details only for ``DETAILS_PERMISSION`` (the "Volunteer coordinators" group).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.bookings.models import UNLIMITED, Booking, Registration, Shift
from events.bookings.services import booking as booking_service
from events.bookings.services.booking import BookingError
from events.calendar.models import CampaignPage, EventPage

DETAILS_PERMISSION = "events.view_volunteer_details"
Status = Booking.Status

# Volunteers arrive early and are checked in at the door, so attendance can be recorded
# from a little before the start; before that, "attended" could only be a mistake.
ATTENDANCE_OPENS_BEFORE = timedelta(minutes=30)
DASHBOARD_ROWS = 12


def can_see_details(user):
    """Names, contact details, needs and the actions on them (superusers have it too)."""
    return user.has_perm(DETAILS_PERMISSION)


# Kinds of bookable ---------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What differs between the volunteer roster and the attendee list."""

    model: type
    link: str  # the Bookable → subclass lookup, e.g. ``bookable__shift``
    events_related: str  # EventPage → bookables, to list events that have some
    order: tuple  # order of an event's bookables
    thing: str  # "shift", as in "before the shift starts"
    people: str  # "volunteers", as in "confirmed volunteers"
    label_field: str  # what names one bookable under its event
    fill_headings: dict
    export_headings: dict
    texts: dict  # sentences naming the thing or its people, whole for translators

    def label(self, bookable):
        return getattr(bookable, self.label_field)

    def text(self, name):
        return str(self.texts[name])

    def events(self):
        return (
            EventPage.objects.filter(**{f"{self.events_related}__isnull": False})
            .distinct()
            .order_by("title")
        )

    def bookables(self):
        """Those still on their event's page (removed ones keep their records)."""
        return self.model.objects.current()


_COUNT_HEADINGS = {
    "starts": _("Starts"),
    "capacity": _("Places"),
    "confirmed": _("Confirmed"),
    "held": _("Awaiting confirmation"),
    "waitlisted": _("Waiting list"),
    "seats_left": _("Places left"),
    "percent": _("Filled (%)"),
}
_PERSON_HEADINGS = {
    "starts": _("Starts"),
    "name": _("Name"),
    "email": _("Email"),
    "phone": _("Phone"),
    # The language they signed up in: their mails and calendar files are written in it.
    "language": _("Language"),
    "access_needs": _("Access needs"),
}
_BOOKING_HEADINGS = {
    "status": _("Status"),
    "attendance": _("Attendance"),
    "added_by": _("Added by"),
}

SHIFTS = Kind(
    model=Shift,
    link="bookable__shift",
    events_related="live_shifts",
    order=("starts_at", "event_id", "sort_order", "pk"),
    thing="shift",
    people="volunteers",
    label_field="role",
    texts={
        "only_confirmed": _("Attendance is only recorded for confirmed volunteers."),
        "too_early": _("Attendance can be recorded from 30 minutes before the shift starts."),
        "walk_in_too_early": _("Walk-ins can be added from 30 minutes before the shift starts."),
        "removed": _("This shift was taken off its event page, so nobody can be added to it."),
        "not_here": _("%(name)s was not on this shift any more."),
        "nobody_to_message": _("Nobody holds a place on this shift: nothing was sent."),
    },
    fill_headings={
        "campaign": _("Campaign"),
        "event": _("Event"),
        "shift": _("Shift"),
        **_COUNT_HEADINGS,
    },
    export_headings={
        "campaign": _("Campaign"),
        "event": _("Event"),
        "shift": _("Shift"),
        **_PERSON_HEADINGS,
        "confirmations": _("Confirmed requirements"),
        **_BOOKING_HEADINGS,
        "signed_up": _("Signed up"),
    },
)
# One registration per one-off event, or per meeting of a repeating one; its start time
# says which meeting, so there is no column naming it.
REGISTRATIONS = Kind(
    model=Registration,
    link="bookable__registration",
    events_related="registrations",
    order=("starts_at", "event_id", "pk"),
    thing="event",
    people="attendees",
    label_field="title",
    texts={
        "only_confirmed": _("Attendance is only recorded for confirmed attendees."),
        "too_early": _("Attendance can be recorded from 30 minutes before the event starts."),
        "walk_in_too_early": _("Walk-ins can be added from 30 minutes before the event starts."),
        "removed": _("This event was taken off its event page, so nobody can be added to it."),
        "not_here": _("%(name)s was not on this event any more."),
        "nobody_to_message": _("Nobody holds a place on this event: nothing was sent."),
    },
    fill_headings={"campaign": _("Campaign"), "event": _("Event"), **_COUNT_HEADINGS},
    export_headings={
        "campaign": _("Campaign"),
        "event": _("Event"),
        **_PERSON_HEADINGS,
        "how_heard": _("How they heard of us"),
        **_BOOKING_HEADINGS,
        "signed_up": _("Registered"),
    },
)


# Fill rates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """Seats of one shift, or the sum over several (``sum(fills, Fill())``)."""

    capacity: int = 0
    confirmed: int = 0
    held: int = 0  # pending or offered: a seat is taken, the person has not confirmed yet
    waitlisted: int = 0
    upcoming: bool = False
    # An event with no limit on places (stored as a capacity of UNLIMITED): a rate of
    # fill means nothing for it, nor for any total it is part of.
    unlimited: bool = False

    def __add__(self, other):
        return Fill(
            self.capacity + other.capacity,
            self.confirmed + other.confirmed,
            self.held + other.held,
            self.waitlisted + other.waitlisted,
            self.upcoming or other.upcoming,
            self.unlimited or other.unlimited,
        )

    @property
    def seats_left(self):
        if self.unlimited:
            return None
        return max(self.capacity - self.confirmed - self.held, 0)

    @property
    def percent(self):
        # Confirmed people only: a pending hold lapses if its email link is never used.
        if not self.capacity or self.unlimited:
            return None if self.unlimited else 0
        return min(round(self.confirmed * 100 / self.capacity), 100)

    @property
    def needs_volunteers(self):
        return self.upcoming and (self.unlimited or self.seats_left > 0)


def with_counts(bookables):
    """Annotate shifts or registrations with their booking counts (one query in all)."""
    return bookables.annotate(
        confirmed_count=Count("bookings", filter=Q(bookings__status=Status.CONFIRMED)),
        held_count=Count(
            "bookings", filter=Q(bookings__status__in=[Status.PENDING, Status.OFFERED])
        ),
        waitlisted_count=Count("bookings", filter=Q(bookings__status=Status.WAITLISTED)),
    )


def fill_of(bookable, now=None):
    """The Fill of a shift or registration annotated by ``with_counts``."""
    now = now or timezone.now()
    unlimited = bookable.capacity >= UNLIMITED
    return Fill(
        0 if unlimited else bookable.capacity,
        bookable.confirmed_count,
        bookable.held_count,
        bookable.waitlisted_count,
        upcoming=bookable.ends_at > now,
        unlimited=unlimited,
    )


def upcoming(shifts, now=None):
    return shifts.filter(ends_at__gt=now or timezone.now())


def past(shifts, now=None):
    return shifts.filter(ends_at__lte=now or timezone.now())


def needing_volunteers(shifts, now=None):
    """Shifts still ahead with a seat nobody holds (a pending hold counts as held)."""
    return upcoming(shifts, now).filter(seats_taken__lt=F("capacity"))


def overview_bookables(kind=SHIFTS):
    """Current shifts (or registrations), ordered so that campaigns, then their events,
    group together."""
    return with_counts(
        kind.bookables()
        .select_related("event__campaign")
        .order_by(
            F("event__campaign__start_date").asc(nulls_last=True),
            "event__campaign_id",
            *kind.order,
        )
    )


def overview_shifts():
    return overview_bookables(SHIFTS)


@dataclass
class BookableRow:
    bookable: object  # a Shift or a Registration
    fill: Fill
    label: str = ""

    @property
    def shift(self):
        return self.bookable

    @property
    def starts(self):
        return local_time(self.bookable.starts_at, self.bookable.time_zone)


@dataclass
class EventGroup:
    event: object
    shifts: list = field(default_factory=list)
    fill: Fill = field(default_factory=Fill)


@dataclass
class CampaignGroup:
    campaign: object  # None for events outside any campaign
    events: list = field(default_factory=list)
    fill: Fill = field(default_factory=Fill)


def overview(bookables, now=None, kind=SHIFTS):
    """Campaigns → events → shifts (or registrations) with totals at each level, in the
    queryset's order.

    Give it ``overview_bookables()`` (filtered as needed): an aggregate query ignores the
    model's default ordering, so the grouping needs that explicit one.
    """
    now = now or timezone.now()
    campaigns = {}
    events = {}
    for bookable in bookables:
        fill = fill_of(bookable, now)
        event = bookable.event
        group = campaigns.get(event.campaign_id)
        if group is None:
            group = campaigns[event.campaign_id] = CampaignGroup(event.campaign)
        event_group = events.get(event.pk)
        if event_group is None:
            event_group = events[event.pk] = EventGroup(event)
            group.events.append(event_group)
        event_group.shifts.append(BookableRow(bookable, fill, kind.label(bookable)))
        event_group.fill += fill
        group.fill += fill
    return list(campaigns.values())


@dataclass
class Chart:
    campaign: CampaignPage
    rows: list
    total: Fill
    more: int  # upcoming shifts not drawn


def current_campaign(now=None):
    """The campaign running now, else the next one (live pages only)."""
    return (
        CampaignPage.objects.live()
        .in_source_language()
        .filter(end_date__gte=timezone.localdate(now or timezone.now()))
        .order_by("start_date", "pk")
        .first()
    )


def dashboard_chart(now=None, campaign=None):
    """A campaign's upcoming shifts, for the admin dashboard: by default the current or
    next campaign's."""
    now = now or timezone.now()
    campaign = campaign or current_campaign(now)
    if campaign is None:
        return None
    shifts = upcoming(
        with_counts(
            Shift.objects.current()
            .filter(event__campaign=campaign)
            .select_related("event")
            .order_by("starts_at", "sort_order", "pk")
        ),
        now,
    )
    rows = [BookableRow(shift, fill_of(shift, now), shift.role) for shift in shifts]
    total = sum((row.fill for row in rows), Fill())
    return Chart(campaign, rows[:DASHBOARD_ROWS], total, max(len(rows) - DASHBOARD_ROWS, 0))


# Attendance ----------------------------------------------------------------------------


def attendance_open(bookable, now=None):
    return (now or timezone.now()) >= bookable.starts_at - ATTENDANCE_OPENS_BEFORE


def set_attendance(booking_id, value, now=None, kind=SHIFTS):
    """Record whether a confirmed person came ("attended", "no_show" or "" to clear).

    Allowed from shortly before the start (check-in at the door) and at any time after,
    so a coordinator can fill in or correct the record later.
    """
    now = now or timezone.now()
    if value not in Booking.Attendance.values:
        raise BookingError(gettext("Choose attended, did not come, or not recorded."), "invalid")
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("bookable")
            .get(pk=booking_id)
        )
        if booking.status != Status.CONFIRMED:
            raise BookingError(kind.text("only_confirmed"), "not_confirmed")
        if not attendance_open(booking.bookable, now):
            raise BookingError(kind.text("too_early"), "too_early")
        booking.attendance = value
        booking.save(update_fields=["attendance"])
    return booking


# The waiting list -----------------------------------------------------------------------

NOTE_MAX_LENGTH = 200


def move_to_front(booking_id, note, moved_by="", kind=SHIFTS):
    """Put someone first on the waiting list, with the coordinator's note saying why (strict
    first come is not always right for a sensitive role). The next free seat goes to them.
    """
    note = " ".join((note or "").split())
    if not note:
        raise BookingError(gettext("Say why, in a short note, so others know."), "no_note")
    if len(note) > NOTE_MAX_LENGTH - len(moved_by) - 3:
        raise BookingError(gettext("Keep the note short (under 180 characters)."), "too_long")
    bookable_id = Booking.objects.values_list("bookable_id", flat=True).get(pk=booking_id)
    with transaction.atomic():
        # The bookable first, then its booking: the order every seat change takes
        # (docs/locking.md), so this cannot deadlock against an offer or a cancellation.
        kind.model.objects.select_for_update().get(pk=bookable_id)
        booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking_id)
        if booking.status != Status.WAITLISTED:
            raise BookingError(
                gettext("Only people on the waiting list can be moved."), "not_waiting"
            )
        first = (
            Booking.objects.filter(bookable_id=booking.bookable_id, status=Status.WAITLISTED)
            .exclude(pk=booking.pk)
            .aggregate(first=Min("queue_order"))["first"]
        )
        booking.queue_order = min(first if first is not None else 0, 0) - 1
        booking.queue_note = f"{note} ({moved_by})" if moved_by else note
        booking.save(update_fields=["queue_order", "queue_note"])
    return booking


def no_show_count(bookable):
    return Booking.objects.filter(
        bookable_id=bookable.pk, status=Status.CONFIRMED, attendance=Booking.Attendance.NO_SHOW
    ).count()


# Adding by hand ------------------------------------------------------------------------


def add_by_hand(bookable_id, *, name, email, phone="", added_by="", now=None, kind=SHIFTS):
    """Book someone onto a shift (or event) as a coordinator: confirmed at once, capacity
    holds.

    Not onto one taken off its event page (a shift removed, a meeting called off): its
    people were told. The row lock is the one publishing takes to remove it, so the two
    cannot cross.
    """
    with transaction.atomic():
        bookable = kind.model.objects.select_for_update().get(pk=bookable_id)
        if bookable.removed_at is not None:
            raise BookingError(kind.text("removed"), "removed")
        return booking_service.add_by_hand(
            bookable.pk, name=name, email=email, phone=phone, added_by=added_by, now=now
        )


# Roster and its export -----------------------------------------------------------------


def roster_bookings(*, kind=SHIFTS, shift=None, event=None, campaign=None, statuses=Booking.ACTIVE):
    """Bookings on volunteer shifts (or registrations), narrowed to one shift (or
    registration), an event or a campaign.

    By default only people still on the shift or its waiting list; ``statuses=None``
    includes the cancelled and expired too.
    """
    bookings = (
        Booking.objects.filter(**{f"{kind.link}__isnull": False})
        .select_related("person", f"{kind.link}__event__campaign")
        .order_by("bookable__starts_at", "bookable_id", "created_at", "pk")
    )
    if shift is not None:
        bookings = bookings.filter(bookable_id=shift.pk)
    if event is not None:
        bookings = bookings.filter(**{f"{kind.link}__event": event})
    if campaign is not None:
        bookings = bookings.filter(**{f"{kind.link}__event__campaign": campaign})
    if statuses is not None:
        bookings = bookings.filter(status__in=statuses)
    return bookings


def local_time(moment, time_zone):
    """As the shift's own clock shows it, e.g. "2027-05-08 09:30 BST"."""
    return f"{timezone.localtime(moment, ZoneInfo(time_zone)):%Y-%m-%d %H:%M %Z}"
