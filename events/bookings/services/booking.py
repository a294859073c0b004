"""Booking rules shared by volunteer shifts and event registrations.

Every change to who holds a seat happens inside ``transaction.atomic()`` with the
Bookable row locked (``select_for_update``), so confirmed + pending + offered bookings can
never exceed capacity, whatever the concurrency. The check constraint on
``Bookable.seats_taken`` guards the counter; on PostgreSQL a deferred constraint trigger
also counts the bookings holding a seat at commit (docs/locking.md).

The functions return what happened; the mail they owe is queued in the outbox with the
change (``notices``, ``reminders``) and sent after commit, so these rules stay testable
without Celery or SMTP. Who a person is lives in ``people``, the links in mail in ``links``.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.bookings.models import Bookable, Booking, Shift
from events.bookings.services import holds, people, reminders
from events.bookings.services.notices import hourly, notify, notify_waitlisted
from events.core.services import editorial_stamp
from events.outbox.services import outbox

Status = Booking.Status


class BookingError(Exception):
    """A rule refused the request; ``message`` is safe to show on the form."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Outcome:
    """What a call changed, so the caller can tell people about it after commit."""

    booking: Booking | None = None
    offered: list[Booking] = field(default_factory=list)
    already_booked: bool = False


def _locked_bookable(bookable_id):
    # The lock that serialises every seat change on one bookable. Tests swap this out
    # to show that, without it, concurrent sign-ups really do race. Every change to its
    # seats or capacity comes through here, so here the kept lists of shifts are told.
    editorial_stamp.renew_places()
    return Bookable.objects.select_for_update().get(pk=bookable_id)


def _take_seat(bookable):
    # F() keeps the update atomic in SQL; the check constraint refuses a seat too many.
    Bookable.objects.filter(pk=bookable.pk).update(seats_taken=F("seats_taken") + 1)
    bookable.seats_taken += 1


def _free_seat(bookable):
    Bookable.objects.filter(pk=bookable.pk).update(seats_taken=F("seats_taken") - 1)
    bookable.seats_taken -= 1


def _active_booking(bookable, person):
    """Their one live booking of this bookable (the database allows no second), or None."""
    return Booking.objects.filter(
        bookable=bookable, person=person, status__in=Booking.ACTIVE
    ).first()


def _check_window(bookable, now):
    if bookable.opens_at and now < bookable.opens_at:
        raise BookingError(_("Sign-up for this has not opened yet."), "not_open")
    closes_at = bookable.closes_at or bookable.starts_at
    if now >= closes_at:
        raise BookingError(_("Sign-up for this has closed."), "closed")


def _check_overlap(bookable, person):
    if bookable.allow_overlap:
        return
    clash = (
        Booking.objects.filter(person=person, status__in=Booking.ACTIVE)
        .exclude(bookable=bookable)
        .filter(
            bookable__starts_at__lt=bookable.ends_at,
            bookable__ends_at__gt=bookable.starts_at,
            bookable__allow_overlap=False,
        )
        .exists()
    )
    if clash:
        raise BookingError(
            _(
                "This overlaps another time you have already signed up for. Your email has a "
                "link to your sign-ups if you would like to change them."
            ),
            "overlap",
        )


def required_confirmations(bookable):
    """What the person must confirm to book this (a shift's requirements), as worded."""
    if not isinstance(bookable, Shift):
        bookable = Shift.objects.filter(pk=bookable.pk).first()
    return bookable.requirement_list if bookable is not None else []


def sign_up(
    bookable_id,
    *,
    name,
    email,
    phone="",
    access_needs="",
    how_heard="",
    confirmations=(),
    client="",
    now=None,
):
    """Hold a seat (pending until the email link is used) or join the waiting list.

    ``client`` (a keyed hash of the sender, ``ratelimit.sender_hash``) bounds how many
    unconfirmed holds one client makes; over any bound in ``holds`` the sign-up joins the
    waiting list instead, and the page answers the same.

    Signing up again for the same thing is not an error: it returns the existing booking
    with ``already_booked`` set, so the form can answer the same way whether or not the
    address was known (the email then tells the person what they already have).
    """
    now = now or timezone.now()
    try:
        return _sign_up(
            bookable_id, name, email, phone, access_needs, how_heard, confirmations, client, now
        )
    except IntegrityError as exc:
        if not _capacity_backstop_refused(exc):
            raise
        # The database counted one seat too many at commit (docs/locking.md): nothing was
        # stored, and the person is told it is full rather than shown an error page.
        raise BookingError(
            _("Sorry, the last place has just been taken. Please choose another time."), "full"
        ) from exc


# Named by the PostgreSQL trigger in migration events 0014 (active bookings vs capacity).
CAPACITY_BACKSTOP = "booking_within_capacity"


def _capacity_backstop_refused(exc):
    return CAPACITY_BACKSTOP in str(exc)


def _sign_up(bookable_id, name, email, phone, access_needs, how_heard, confirmations, client, now):
    with transaction.atomic():
        bookable = _locked_bookable(bookable_id)
        _check_window(bookable, now)
        required = required_confirmations(bookable)
        if set(required) - set(confirmations):
            raise BookingError(_("Please confirm each of the requirements."), "requirements")
        person, created = people.person_for(name, email, phone, now)
        existing = _active_booking(bookable, person)
        if existing:
            # One reminder of their links an hour at most, whoever types the address in.
            notify(existing, "booking_links", now, version=hourly(now))
            return Outcome(booking=existing, already_booked=True)
        _check_overlap(bookable, person)

        booking = Booking(
            bookable=bookable,
            person=person,
            access_needs=access_needs,
            how_heard=how_heard,
            confirmations=required,
        )
        booking.created_at = now
        if not created:
            people.offer_details(booking, name, phone, now)
        if bookable.seats_taken < bookable.capacity and holds.may_hold(
            bookable, person, now, client
        ):
            booking.status = Status.PENDING
            booking.hold_expires_at = now + timedelta(minutes=bookable.hold_minutes)
            _take_seat(bookable)
            holds.count_hold(client, bookable)
        else:
            booking.status = Status.WAITLISTED
        booking.save()
        if booking.status == Status.PENDING:
            notify(booking, "booking_pending", now)
        else:
            notify_waitlisted(booking, now)
    return Outcome(booking=booking)


def confirm(booking_id, now=None):
    """The person clicked the emailed link: a held or offered seat becomes theirs."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_related("bookable").get(pk=booking_id)
        bookable = _locked_bookable(booking.bookable_id)
        booking.refresh_from_db()
        if booking.status == Status.CONFIRMED:
            return Outcome(booking=booking, already_booked=True)
        if booking.status in (Status.PENDING, Status.OFFERED):
            booking.status = Status.CONFIRMED
            booking.confirmed_at = now
            booking.hold_expires_at = booking.offer_expires_at = None
            booking.save(
                update_fields=["status", "confirmed_at", "hold_expires_at", "offer_expires_at"]
            )
            people.apply_offered(booking, now)
            notify(booking, "booking_confirmed", now)
            reminders.schedule_reminders(booking, now)
            _after_confirm(booking, now)
            # A seat may be free with people waiting (the bounds on unconfirmed holds
            # send some sign-ups to the list): offer it now rather than at the next lapse.
            offered = _offer_free_seats(bookable, now)
            return Outcome(booking=booking, offered=offered)
        if booking.status == Status.WAITLISTED:
            raise BookingError(
                _("You are on the waiting list. We will email you if a place comes free."),
                "waitlisted",
            )
        raise BookingError(
            _(
                "This link has expired or the booking was cancelled. "
                "You are welcome to sign up again."
            ),
            "inactive",
        )


def _after_confirm(booking, now):
    # Confirming the first meeting of "every meeting until I cancel" is the opt-in for the
    # whole standing registration. Imported here: registrations builds on this module.
    from events.bookings.services import registrations

    registrations.activate_standing(booking, now)


def cancel(booking_id, now=None):
    """Give the seat back (or leave the waiting list); the next person is offered it."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.get(pk=booking_id)
        bookable = _locked_bookable(booking.bookable_id)
        booking.refresh_from_db()
        if booking.status not in Booking.ACTIVE:
            return Outcome(booking=booking, already_booked=True)
        held_seat = booking.status in Booking.HOLDS_SEAT
        booking.status = Status.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        outbox.cancel_scheduled(Q(booking=booking))
        if held_seat:
            _free_seat(bookable)
        offered = _offer_free_seats(bookable, now)
    return Outcome(booking=booking, offered=offered)


def set_capacity(bookable_id, capacity, now=None):
    """Change the number of seats; raising it offers the new seats to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        bookable = _locked_bookable(bookable_id)
        if capacity < bookable.seats_taken:
            raise BookingError(
                f"{bookable.seats_taken} people already hold a place, so the capacity "
                f"cannot go below {bookable.seats_taken}.",
                "below_taken",
            )
        Bookable.objects.filter(pk=bookable.pk).update(capacity=capacity)
        bookable.capacity = capacity
        offered = _offer_free_seats(bookable, now)
    return Outcome(offered=offered)


def release_expired(now=None):
    """Expire lapsed holds and offers, then offer the freed seats. Run by beat each minute.

    Returns the bookings newly offered a seat, for the caller to notify.
    """
    now = now or timezone.now()
    lapsed = Q(status=Status.PENDING, hold_expires_at__lte=now) | Q(
        status=Status.OFFERED, offer_expires_at__lte=now
    )
    offered = []
    for bookable_id in (
        Booking.objects.filter(lapsed).values_list("bookable_id", flat=True).distinct()
    ):
        with transaction.atomic():
            bookable = _locked_bookable(bookable_id)
            # Re-read under the lock: a confirmation may have won the race.
            expiring = list(Booking.objects.filter(lapsed, bookable=bookable))
            for booking in expiring:
                booking.status = Status.EXPIRED
                booking.save(update_fields=["status"])
                _free_seat(bookable)
            offered += _offer_free_seats(bookable, now)
    return offered


def add_by_hand(bookable_id, *, name, email, phone="", added_by="", now=None):
    """A coordinator books someone in directly: confirmed at once, no window, no hold.

    Capacity still holds: a full shift needs its capacity raised first.
    """
    now = now or timezone.now()
    with transaction.atomic():
        bookable = _locked_bookable(bookable_id)
        person, _created = people.person_for(
            name, email, phone, now, consent_version=people.ADDED_BY_HAND
        )
        booking = _active_booking(bookable, person)
        if booking is not None and booking.status == Status.CONFIRMED:
            return Outcome(booking=booking, already_booked=True)
        # Pending and offered bookings hold their seat already; others need a free one.
        if booking is None or booking.status == Status.WAITLISTED:
            if bookable.seats_taken >= bookable.capacity:
                raise BookingError(
                    "Every place is taken. Raise the capacity first, or remove someone.",
                    "full",
                )
            _take_seat(bookable)
        booking = booking or Booking(bookable=bookable, person=person, created_at=now)
        booking.status = Status.CONFIRMED
        booking.confirmed_at = now
        booking.hold_expires_at = booking.offer_expires_at = None
        booking.added_by = added_by
        booking.save()
        notify(booking, "booking_confirmed", now)
        reminders.schedule_reminders(booking, now)
    return Outcome(booking=booking)


def withdraw(booking_id, now=None):
    """The organisers take someone's place away (or off the waiting list), and tell them."""
    now = now or timezone.now()
    with transaction.atomic():
        outcome = cancel(booking_id, now=now)
        if not outcome.already_booked:
            notify(outcome.booking, "booking_withdrawn", now)
    return outcome


def withdraw_all(bookable_id, now=None, purpose="booking_withdrawn"):
    """The shift or event is called off: everyone booked is cancelled and told (with
    ``purpose``'s mail: "your place was withdrawn", or "this meeting is cancelled")."""
    now = now or timezone.now()
    with transaction.atomic():
        bookable = _locked_bookable(bookable_id)
        bookings = list(
            Booking.objects.select_related("person").filter(
                bookable=bookable, status__in=Booking.ACTIVE
            )
        )
        for booking in bookings:
            booking.status = Status.CANCELLED
            booking.cancelled_at = now
            booking.save(update_fields=["status", "cancelled_at"])
            notify(booking, purpose, now)
        reminders.cancel_all(bookable)
        Bookable.objects.filter(pk=bookable.pk).update(seats_taken=0)
    return bookings


# What makes a change worth telling people about and moving their reminders.
MATERIAL_FIELDS = ("starts_at", "ends_at", "location", "time_zone")


def update_published(bookable, *, capacity, now=None):
    """Save an editor's changes to a bookable people may already hold places on.

    ``bookable`` carries the new values. Under the lock: the seat count is kept as it is,
    the capacity never drops below the seats held, new seats go to the waiting list, and
    a material change (time or place) raises ``schedule_version``, which tells confirmed
    people (with an updated calendar file) and moves their reminders.
    Returns True when the change was material.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_bookable(bookable.pk)
        material = any(getattr(locked, name) != getattr(bookable, name) for name in MATERIAL_FIELDS)
        bookable.seats_taken = locked.seats_taken
        bookable.capacity = max(capacity, locked.seats_taken)
        bookable.schedule_version = locked.schedule_version + (1 if material else 0)
        bookable.save()
        _offer_free_seats(bookable, now)
        if material:
            _tell_about_change(bookable, now)
    return material


def _tell_about_change(bookable, now):
    confirmed = list(
        Booking.objects.select_related("person", "bookable").filter(
            bookable=bookable, status=Status.CONFIRMED
        )
    )
    for booking in confirmed:
        notify(booking, "booking_changed", now, version=bookable.schedule_version)
    reminders.reschedule(bookable, confirmed, now)


def _language_of(person):
    latest = person.bookings.order_by("-created_at").values_list("language", flat=True)
    return latest.first() or Booking._meta.get_field("language").get_default()


def book_standing(bookable_id, person, *, access_needs="", how_heard="", now=None):
    """Book one meeting for someone with a standing registration (already opted in).

    A free seat is confirmed at once, with reminders but no mail of its own (they asked
    for every meeting); a full meeting puts them on its waiting list and tells them.
    Returns the booking, or None when the meeting is closed, already booked or clashes
    with something else they booked.
    """
    now = now or timezone.now()
    with transaction.atomic():
        bookable = _locked_bookable(bookable_id)
        try:
            _check_window(bookable, now)
            _check_overlap(bookable, person)
        except BookingError:
            return None
        if _active_booking(bookable, person) is not None:
            return None
        booking = Booking(
            bookable=bookable,
            person=person,
            access_needs=access_needs,
            how_heard=how_heard,
            created_at=now,
            # Booked by a task, not by the person: keep the language they signed up in.
            language=_language_of(person),
        )
        if bookable.seats_taken < bookable.capacity:
            booking.status = Status.CONFIRMED
            booking.confirmed_at = now
            _take_seat(bookable)
            booking.save()
            reminders.schedule_reminders(booking, now)
        else:
            booking.status = Status.WAITLISTED
            booking.save()
            notify_waitlisted(booking, now)
    return booking


def waiting_order(bookings):
    """The waiting list's order: those a coordinator placed by hand first, then first come."""
    return bookings.order_by(F("queue_order").asc(nulls_last=True), "created_at", "pk")


def _offer_free_seats(bookable, now):
    """Offer each free seat to the longest-waiting person. Caller holds the lock."""
    offered = []
    free = bookable.capacity - bookable.seats_taken
    if free <= 0:
        return offered
    waiting = waiting_order(Booking.objects.filter(bookable=bookable, status=Status.WAITLISTED))
    # Hand-placed first, then first come; a lapsed holder goes behind (a stable sort).
    for booking in holds.waiting_order(bookable, waiting, now)[:free]:
        booking.status = Status.OFFERED
        booking.offer_expires_at = now + timedelta(hours=bookable.offer_hours)
        booking.save(update_fields=["status", "offer_expires_at"])
        _take_seat(bookable)
        notify(booking, "booking_offered", now)
        offered.append(booking)
    return offered


def cancel_own(booking_id, *, others_url="", now=None):
    """The person cancels their own place from their page: it goes back (to the waiting
    list's next person) and they get a mail saying so, pointing at other dates."""
    now = now or timezone.now()
    with transaction.atomic():
        outcome = cancel(booking_id, now=now)
        if not outcome.already_booked:
            notify(outcome.booking, "booking_cancelled", now, payload={"others_url": others_url})
    return outcome
