"""What coordinators see and do with volunteer shifts in the admin.

Fill rates, attendance, messages to a shift and the rows of a roster export. Anything
that changes who holds a seat (adding or removing someone by hand) is the booking
engine's (``events.services.booking``); this module only reads seats, records
attendance and writes mail to the outbox.

Who may see what is decided here too: counts are for anyone with admin access, names and
contact details only for ``DETAILS_PERMISSION`` (the "Volunteer coordinators" group).
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from events.models import Booking, CampaignPage, Shift
from events.services import booking as booking_service
from events.services import outbox
from events.services.booking import BookingError

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


# Fill rates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """Seats of one shift, or the sum over several (``sum(fills, Fill())``)."""

    capacity: int = 0
    confirmed: int = 0
    held: int = 0  # pending or offered: a seat is taken, the person has not confirmed yet
    waitlisted: int = 0
    upcoming: bool = False

    def __add__(self, other):
        return Fill(
            self.capacity + other.capacity,
            self.confirmed + other.confirmed,
            self.held + other.held,
            self.waitlisted + other.waitlisted,
            self.upcoming or other.upcoming,
        )

    @property
    def seats_left(self):
        return max(self.capacity - self.confirmed - self.held, 0)

    @property
    def percent(self):
        # Confirmed people only: a pending hold lapses if its email link is never used.
        if not self.capacity:
            return 0
        return min(round(self.confirmed * 100 / self.capacity), 100)

    @property
    def needs_volunteers(self):
        return self.upcoming and self.seats_left > 0


def with_counts(shifts):
    """Annotate shifts with their booking counts (one query, however many shifts)."""
    return shifts.annotate(
        confirmed_count=Count("bookings", filter=Q(bookings__status=Status.CONFIRMED)),
        held_count=Count(
            "bookings", filter=Q(bookings__status__in=[Status.PENDING, Status.OFFERED])
        ),
        waitlisted_count=Count("bookings", filter=Q(bookings__status=Status.WAITLISTED)),
    )


def fill_of(shift, now=None):
    """The Fill of a shift annotated by ``with_counts``."""
    now = now or timezone.now()
    return Fill(
        shift.capacity,
        shift.confirmed_count,
        shift.held_count,
        shift.waitlisted_count,
        upcoming=shift.ends_at > now,
    )


def upcoming(shifts, now=None):
    return shifts.filter(ends_at__gt=now or timezone.now())


def past(shifts, now=None):
    return shifts.filter(ends_at__lte=now or timezone.now())


def needing_volunteers(shifts, now=None):
    """Shifts still ahead with a seat nobody holds (a pending hold counts as held)."""
    return upcoming(shifts, now).filter(seats_taken__lt=F("capacity"))


def overview_shifts():
    """Current shifts, ordered so that campaigns, then their events, group together."""
    return with_counts(
        Shift.objects.current()
        .select_related("event__campaign")
        .order_by(
            F("event__campaign__start_date").asc(nulls_last=True),
            "event__campaign_id",
            "starts_at",
            "event_id",
            "sort_order",
            "pk",
        )
    )


@dataclass
class ShiftRow:
    shift: Shift
    fill: Fill

    @property
    def starts(self):
        return local_time(self.shift.starts_at, self.shift.time_zone)


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


def overview(shifts, now=None):
    """Campaigns → events → shifts with totals at each level, in the queryset's order.

    Give it ``overview_shifts()`` (filtered as needed): an aggregate query ignores the
    model's default ordering, so the grouping needs that explicit one.
    """
    now = now or timezone.now()
    campaigns = {}
    events = {}
    for shift in shifts:
        fill = fill_of(shift, now)
        event = shift.event
        group = campaigns.get(event.campaign_id)
        if group is None:
            group = campaigns[event.campaign_id] = CampaignGroup(event.campaign)
        event_group = events.get(event.pk)
        if event_group is None:
            event_group = events[event.pk] = EventGroup(event)
            group.events.append(event_group)
        event_group.shifts.append(ShiftRow(shift, fill))
        event_group.fill += fill
        group.fill += fill
    return list(campaigns.values())


@dataclass
class Chart:
    campaign: CampaignPage
    rows: list
    total: Fill
    more: int  # upcoming shifts not drawn


def dashboard_chart(now=None):
    """The current or next campaign's upcoming shifts, for the admin dashboard."""
    now = now or timezone.now()
    campaign = (
        CampaignPage.objects.live()
        .filter(end_date__gte=timezone.localdate(now))
        .order_by("start_date", "pk")
        .first()
    )
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
    rows = [ShiftRow(shift, fill_of(shift, now)) for shift in shifts]
    total = sum((row.fill for row in rows), Fill())
    return Chart(campaign, rows[:DASHBOARD_ROWS], total, max(len(rows) - DASHBOARD_ROWS, 0))


def fill_row(shift, now=None):
    """One line of the fill-rate export: counts only, no personal data."""
    fill = fill_of(shift, now)
    event = shift.event
    return {
        "campaign": event.campaign.title if event.campaign else "",
        "event": event.title,
        "shift": shift.role,
        "starts": local_time(shift.starts_at, shift.time_zone),
        "capacity": fill.capacity,
        "confirmed": fill.confirmed,
        "held": fill.held,
        "waitlisted": fill.waitlisted,
        "seats_left": fill.seats_left,
        "percent": fill.percent,
    }


FILL_HEADINGS = {
    "campaign": "Campaign",
    "event": "Event",
    "shift": "Shift",
    "starts": "Starts",
    "capacity": "Places",
    "confirmed": "Confirmed",
    "held": "Awaiting confirmation",
    "waitlisted": "Waiting list",
    "seats_left": "Places left",
    "percent": "Filled (%)",
}


# Attendance ----------------------------------------------------------------------------


def attendance_open(bookable, now=None):
    return (now or timezone.now()) >= bookable.starts_at - ATTENDANCE_OPENS_BEFORE


def set_attendance(booking_id, value, now=None):
    """Record whether a confirmed volunteer came ("attended", "no_show" or "" to clear).

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
                "Attendance is only recorded for confirmed volunteers.", "not_confirmed"
            )
        if not attendance_open(booking.bookable, now):
            raise BookingError(
                "Attendance can be recorded from 30 minutes before the shift starts.",
                "too_early",
            )
        booking.attendance = value
        booking.save(update_fields=["attendance"])
    return booking


# Adding by hand ------------------------------------------------------------------------


def add_by_hand(shift_id, *, name, email, phone="", added_by="", now=None):
    """Book someone onto a shift as a coordinator (confirmed at once; capacity holds).

    Not onto a shift taken off its event page: its people were told it is called off.
    The row lock is the one publishing takes to remove a shift, so the two cannot cross.
    """
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift_id)
        if shift.removed_at is not None:
            raise BookingError(
                "This shift was taken off its event page, so nobody can be added to it.",
                "removed",
            )
        return booking_service.add_by_hand(
            shift.pk, name=name, email=email, phone=phone, added_by=added_by, now=now
        )


# Messages ------------------------------------------------------------------------------


def recipients(shift):
    """Who a message to the shift reaches: everyone holding a seat, with an address."""
    return (
        Booking.objects.select_related("person")
        .filter(bookable_id=shift.pk, status__in=Booking.HOLDS_SEAT)
        .filter(person__anonymised_at__isnull=True)
        .exclude(person__email="")
        .order_by("created_at", "pk")
    )


def message_shift(shift_id, subject, body, sender, now=None):
    """Owe everyone holding a seat on the shift the coordinator's message; returns how many.

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
    with transaction.atomic():
        shift = Shift.objects.get(pk=shift_id)
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


def roster_bookings(*, shift=None, event=None, campaign=None, statuses=Booking.ACTIVE):
    """Bookings on volunteer shifts, narrowed to a shift, event or campaign.

    By default only people still on the shift or its waiting list; ``statuses=None``
    includes the cancelled and expired too.
    """
    bookings = (
        Booking.objects.filter(bookable__shift__isnull=False)
        .select_related("person", "bookable__shift__event__campaign")
        .order_by("bookable__starts_at", "bookable_id", "created_at", "pk")
    )
    if shift is not None:
        bookings = bookings.filter(bookable_id=shift.pk)
    if event is not None:
        bookings = bookings.filter(bookable__shift__event=event)
    if campaign is not None:
        bookings = bookings.filter(bookable__shift__event__campaign=campaign)
    if statuses is not None:
        bookings = bookings.filter(status__in=statuses)
    return bookings


EXPORT_HEADINGS = {
    "campaign": "Campaign",
    "event": "Event",
    "shift": "Shift",
    "starts": "Starts",
    "name": "Name",
    "email": "Email",
    "phone": "Phone",
    "access_needs": "Access needs",
    "confirmations": "Confirmed requirements",
    "status": "Status",
    "attendance": "Attendance",
    "added_by": "Added by",
    "signed_up": "Signed up",
}


def export_row(booking):
    """One line of a roster export, from a booking of ``roster_bookings``."""
    shift = booking.bookable.shift
    event = shift.event
    person = booking.person
    return {
        "campaign": event.campaign.title if event.campaign else "",
        "event": event.title,
        "shift": shift.role,
        "starts": local_time(shift.starts_at, shift.time_zone),
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "access_needs": booking.access_needs,
        "confirmations": "; ".join(booking.confirmations),
        "status": booking.get_status_display(),
        "attendance": booking.get_attendance_display(),
        "added_by": booking.added_by,
        "signed_up": local_time(booking.created_at, shift.time_zone),
    }


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
