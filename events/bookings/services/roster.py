"""What coordinators see and do with the people booked on shifts and registrations.

Volunteer shifts and attendee registrations are both Bookables booked through one engine;
for coordinators they differ only in names, columns and where they hang off the event.
A ``Kind`` (``SHIFTS`` or ``REGISTRATIONS``) carries those differences, and every function
here takes one, so both lists share one code path and one set of permission rules.

Fill rates, attendance, messages to a shift and the rows of a roster export. Anything
that changes who holds a seat (adding or removing someone by hand) is the booking
engine's (``events.bookings.services.booking``); this module only reads seats, records
attendance and writes mail to the outbox.

Who may see what is decided here too: counts are for anyone with admin access, names and
contact details only for ``DETAILS_PERMISSION`` (the "Volunteer coordinators" group).
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from events.bookings.models import (
    UNLIMITED,
    Booking,
    HowHeard,
    Registration,
    Shift,
    StandingRegistration,
)
from events.bookings.services import booking as booking_service
from events.bookings.services.booking import BookingError
from events.calendar.models import CampaignPage, EventPage
from events.outbox.services import outbox

DETAILS_PERMISSION = "events.view_volunteer_details"
Status = Booking.Status

# Volunteers arrive early and are checked in at the door, so attendance can be recorded
# from a little before the start; before that, "attended" could only be a mistake.
ATTENDANCE_OPENS_BEFORE = timedelta(minutes=30)
SUBJECT_MAX_LENGTH = 150
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

    def label(self, bookable):
        return getattr(bookable, self.label_field)

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
    "starts": "Starts",
    "capacity": "Places",
    "confirmed": "Confirmed",
    "held": "Awaiting confirmation",
    "waitlisted": "Waiting list",
    "seats_left": "Places left",
    "percent": "Filled (%)",
}
_PERSON_HEADINGS = {
    "starts": "Starts",
    "name": "Name",
    "email": "Email",
    "phone": "Phone",
    "access_needs": "Access needs",
}
_BOOKING_HEADINGS = {
    "status": "Status",
    "attendance": "Attendance",
    "added_by": "Added by",
}

SHIFTS = Kind(
    model=Shift,
    link="bookable__shift",
    events_related="live_shifts",
    order=("starts_at", "event_id", "sort_order", "pk"),
    thing="shift",
    people="volunteers",
    label_field="role",
    fill_headings={"campaign": "Campaign", "event": "Event", "shift": "Shift", **_COUNT_HEADINGS},
    export_headings={
        "campaign": "Campaign",
        "event": "Event",
        "shift": "Shift",
        **_PERSON_HEADINGS,
        "confirmations": "Confirmed requirements",
        **_BOOKING_HEADINGS,
        "signed_up": "Signed up",
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
    fill_headings={"campaign": "Campaign", "event": "Event", **_COUNT_HEADINGS},
    export_headings={
        "campaign": "Campaign",
        "event": "Event",
        **_PERSON_HEADINGS,
        "how_heard": "How they heard of us",
        **_BOOKING_HEADINGS,
        "signed_up": "Registered",
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
        .filter(end_date__gte=timezone.localdate(now or timezone.now()))
        .order_by("start_date", "pk")
        .first()
    )


def dashboard_chart(now=None):
    """The current or next campaign's upcoming shifts, for the admin dashboard."""
    now = now or timezone.now()
    campaign = current_campaign(now)
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


FILL_HEADINGS = SHIFTS.fill_headings


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
        raise BookingError("Choose attended, did not come, or not recorded.", "invalid")
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("bookable")
            .get(pk=booking_id)
        )
        if booking.status != Status.CONFIRMED:
            raise BookingError(
                f"Attendance is only recorded for confirmed {kind.people}.", "not_confirmed"
            )
        if not attendance_open(booking.bookable, now):
            raise BookingError(
                f"Attendance can be recorded from 30 minutes before the {kind.thing} starts.",
                "too_early",
            )
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
        raise BookingError("Say why, in a short note, so others know.", "no_note")
    if len(note) > NOTE_MAX_LENGTH - len(moved_by) - 3:
        raise BookingError("Keep the note short (under 180 characters).", "too_long")
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking_id)
        # The bookable's lock orders this against seat offers.
        kind.model.objects.select_for_update().get(pk=booking.bookable_id)
        if booking.status != Status.WAITLISTED:
            raise BookingError("Only people on the waiting list can be moved.", "not_waiting")
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
            raise BookingError(
                f"This {kind.thing} was taken off its event page, so nobody can be added to it.",
                "removed",
            )
        return booking_service.add_by_hand(
            bookable.pk, name=name, email=email, phone=phone, added_by=added_by, now=now
        )


# Messages ------------------------------------------------------------------------------


def recipients(bookable):
    """Who a message to the shift (or event) reaches: everyone holding a seat, with an
    address."""
    return (
        Booking.objects.select_related("person")
        .filter(bookable_id=bookable.pk, status__in=Booking.HOLDS_SEAT)
        .filter(person__anonymised_at__isnull=True)
        .exclude(person__email="")
        .order_by("created_at", "pk")
    )


def message_shift(shift_id, subject, body, sender, now=None, kind=SHIFTS, reply_to=""):
    """Owe everyone holding a seat on the shift (or event) the coordinator's message;
    returns how many.

    One outbox row each, written in one transaction; the worker sends them and skips
    anyone who has left the shift by then. Each call is a new message, even with the
    same words, so the target key carries a fresh id.
    """
    now = now or timezone.now()
    subject, body = " ".join(subject.split()), body.strip()
    if not subject or not body:
        raise BookingError("Write a subject and a message.", "empty")
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise BookingError(
            f"Keep the subject to {SUBJECT_MAX_LENGTH} characters or fewer.", "too_long"
        )
    message_id = uuid.uuid4().hex
    payload = {"subject": subject, "body": body, "sent_by": sender}
    if reply_to:  # the coordinator's choice; a valid address (the form checked it)
        payload["reply_to"] = reply_to.strip()
    with transaction.atomic():
        shift = kind.model.objects.get(pk=shift_id)
        mails = [
            outbox.Mail(
                recipient=booking.person.email,
                recipient_name=booking.person.name,
                purpose="booking_message",
                target_key=f"booking:{booking.pk}:message:{message_id}",
                booking=booking,
                payload=payload,
                due_at=now,
            )
            for booking in recipients(shift)
        ]
        return len(outbox.schedule(*mails, now=now))


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


EXPORT_HEADINGS = SHIFTS.export_headings


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
        "access_needs": booking.access_needs,
        "confirmations": "; ".join(booking.confirmations),
        "how_heard": booking.get_how_heard_display(),
        "status": booking.get_status_display(),
        "attendance": booking.get_attendance_display(),
        "added_by": booking.added_by,
        "signed_up": local_time(booking.created_at, bookable.time_zone),
    }
    return {key: values[key] for key in kind.export_headings}


def local_time(moment, time_zone):
    """As the shift's own clock shows it, e.g. "2027-05-08 09:30 BST"."""
    return f"{timezone.localtime(moment, ZoneInfo(time_zone)):%Y-%m-%d %H:%M %Z}"


def spreadsheet_safe(value):
    """Text a spreadsheet will not run as a formula.

    Names and needs are typed by the public; a cell starting with = + - or @ would be a
    formula when the CSV is opened in a spreadsheet, so it gets a leading apostrophe.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# Registrations over time ---------------------------------------------------------------

# Past six weeks of sign-ups a day per row would make a long table: draw a week a row.
WEEKLY_AFTER_DAYS = 42


@dataclass(frozen=True)
class Period:
    start: object  # a date: the day, or the Monday of the week
    count: int


@dataclass
class SignupChart:
    """Counts only (no names): any admin user may see it."""

    campaign: CampaignPage
    periods: list
    weekly: bool
    total: int
    highest: int
    how_heard: list  # (answer, count), every answer in the form's order, then no answer


def campaign_signups(campaign):
    """People's registrations for the campaign's events, each sign-up counted once.

    Left out: holds that lapsed because the email link was never used (nobody
    registered), and the meetings booked automatically for someone's "every meeting"
    standing registration (one sign-up, counted once, at the meeting they first booked).
    """
    automatic = StandingRegistration.objects.filter(
        event_id=OuterRef("bookable__registration__event_id"),
        person_id=OuterRef("person_id"),
        created_at__lte=OuterRef("created_at"),
    ).exclude(first_booking_id=OuterRef("pk"))
    automatic = automatic.filter(
        Q(cancelled_at__isnull=True) | Q(cancelled_at__gt=OuterRef("created_at"))
    )
    return (
        Booking.objects.filter(bookable__registration__event__campaign=campaign)
        .exclude(status=Status.PENDING)
        .exclude(status=Status.EXPIRED, confirmed_at__isnull=True)
        .exclude(Exists(automatic))
    )


def signup_chart(campaign=None, now=None):
    """Registrations per day (or week) for a campaign, by default the current or next.

    Days without a sign-up are rows with 0, from the first sign-up until today (or the
    campaign's end), so the chart's shape is honest. None when there is no campaign.
    """
    now = now or timezone.now()
    campaign = campaign or current_campaign(now)
    if campaign is None:
        return None
    signups = campaign_signups(campaign)
    per_day = dict(
        signups.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    answers = dict(signups.values_list("how_heard").annotate(count=Count("pk")))
    how_heard = [(label, answers.get(value, 0)) for value, label in HowHeard.choices]
    how_heard.append(("Did not say", answers.get("", 0)))
    periods, weekly = [], False
    if per_day:
        first = min(per_day)
        last = max(max(per_day), min(timezone.localdate(now), campaign.end_date))
        weekly = (last - first).days >= WEEKLY_AFTER_DAYS
        if weekly:
            first -= timedelta(days=first.weekday())
        step = timedelta(days=7 if weekly else 1)
        day = first
        while day <= last:
            count = sum(per_day.get(day + timedelta(days=n), 0) for n in range(step.days))
            periods.append(Period(day, count))
            day += step
    return SignupChart(
        campaign,
        periods,
        weekly,
        total=sum(per_day.values()),
        highest=max((period.count for period in periods), default=0),
        how_heard=how_heard,
    )
