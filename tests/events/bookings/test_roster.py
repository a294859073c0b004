"""Roster rules for coordinators: fill rates, attendance, messages and export rows."""

from datetime import timedelta

import pytest

from events.bookings.services import booking as booking_service
from events.bookings.services import mail, people, roster, roster_exports, roster_messages
from events.bookings.services.booking import BookingError
from events.models import Booking, OutboxMessage, Shift
from tests.events import factories
from tests.events.bookings.helpers.roster import NOW, SHIFT_START, book, desk, fair
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
Status = Booking.Status


def _build_full_desk():
    """A shift of 2: one confirmed, one pending, one waitlisted, one cancelled."""
    shift = Shift.objects.get(event=fair([desk(capacity=2)]))
    confirmed = book(shift, "ana@example.org", access_needs="Step-free route, please")
    pending = book(shift, "ben@example.org", confirm=False)
    waiting = book(shift, "cai@example.org", confirm=False)
    gone = book(shift, "dee@example.org", confirm=False)
    booking_service.cancel(gone.pk, now=NOW)
    return shift, {"confirmed": confirmed, "pending": pending, "waiting": waiting, "gone": gone}


# Built once for the module: each test reads its own copies and its writes are undone. The
# tests that build their own fairs (overview, filters, the dashboard chart) are in
# test_roster_overview.py.
full_desk_rows = module_rows(_build_full_desk)


@pytest.fixture
def full_desk(full_desk_rows, db):
    return fresh(full_desk_rows)


# Fill rates --------------------------------------------------------------------------


def test_fill_counts_confirmed_held_and_waiting_separately(full_desk):
    shift, _bookings = full_desk

    fill = roster.fill_of(roster.with_counts(Shift.objects.filter(pk=shift.pk)).get())

    assert (fill.capacity, fill.confirmed, fill.held, fill.waitlisted) == (2, 1, 1, 1)
    assert fill.seats_left == 0
    assert fill.percent == 50  # confirmed only: a pending hold may still lapse
    assert fill.needs_volunteers is False


# Attendance ----------------------------------------------------------------------------


def test_attendance_is_recorded_once_the_shift_is_about_to_start(full_desk):
    _shift, bookings = full_desk
    confirmed = bookings["confirmed"]

    with pytest.raises(BookingError) as refused:
        roster.set_attendance(confirmed.pk, "attended", now=SHIFT_START - timedelta(hours=2))
    assert refused.value.code == "too_early"

    # Check-in at the door starts a little before the shift itself.
    roster.set_attendance(confirmed.pk, "attended", now=SHIFT_START - timedelta(minutes=20))
    confirmed.refresh_from_db()
    assert confirmed.attendance == "attended"

    # Corrections are allowed afterwards, including clearing the record.
    roster.set_attendance(confirmed.pk, "no_show", now=SHIFT_START + timedelta(days=3))
    roster.set_attendance(confirmed.pk, "", now=SHIFT_START + timedelta(days=3))
    confirmed.refresh_from_db()
    assert confirmed.attendance == ""


def test_attendance_only_for_confirmed_bookings_and_known_values(full_desk):
    _shift, bookings = full_desk
    later = SHIFT_START + timedelta(hours=1)

    for name in ("pending", "waiting", "gone"):
        with pytest.raises(BookingError) as refused:
            roster.set_attendance(bookings[name].pk, "attended", now=later)
        assert refused.value.code == "not_confirmed"
    with pytest.raises(BookingError) as refused:
        roster.set_attendance(bookings["confirmed"].pk, "maybe", now=later)
    assert refused.value.code == "invalid"
    assert not Booking.objects.exclude(attendance="").exists()


# Messages ------------------------------------------------------------------------------


def test_message_goes_to_everyone_holding_a_seat(full_desk):
    shift, bookings = full_desk
    late = book(shift, "eve@example.org", confirm=False)
    booking_service.withdraw(bookings["pending"].pk, now=NOW)  # Cai is offered the seat
    offered = Booking.objects.get(pk=bookings["waiting"].pk)
    assert offered.status == Status.OFFERED
    assert Booking.objects.get(pk=late.pk).status == Status.WAITLISTED
    assert [b.pk for b in roster_messages.recipients(shift)] == [
        bookings["confirmed"].pk,
        offered.pk,
    ]

    sent = roster_messages.message_shift(
        shift.pk, "Parking", "Use the side gate.\nThanks!", sender="Jo Coordinator", now=NOW
    )

    rows = OutboxMessage.objects.filter(purpose="booking_message").order_by("booking_id")
    assert sent == 2 == rows.count()
    # Nobody waiting, withdrawn or cancelled gets it.
    assert [row.booking_id for row in rows] == [bookings["confirmed"].pk, offered.pk]
    assert rows[0].payload == {
        "subject": "Parking",
        "body": "Use the side gate.\nThanks!",
        "sent_by": "Jo Coordinator",
    }
    assert rows[0].target_key.startswith(f"booking:{rows[0].booking_id}:message:")
    assert rows[0].due_at == NOW
    # Sent by the worker like every other mail; the text is the coordinator's own.
    message = mail.compose(rows[0], now=NOW)
    assert message.subject == "Parking"
    assert "Use the side gate." in message.body


def test_sending_the_same_message_twice_writes_new_rows(full_desk):
    shift, _bookings = full_desk

    roster_messages.message_shift(shift.pk, "Hello", "One", sender="Jo", now=NOW)
    roster_messages.message_shift(shift.pk, "Hello", "One", sender="Jo", now=NOW)

    assert OutboxMessage.objects.filter(purpose="booking_message").count() == 4


def test_message_needs_a_subject_and_text(full_desk):
    shift, _bookings = full_desk

    for subject, body in (("", "Text"), ("Subject", "   ")):
        with pytest.raises(BookingError):
            roster_messages.message_shift(shift.pk, subject, body, sender="Jo", now=NOW)
    assert not OutboxMessage.objects.filter(purpose="booking_message").exists()


def test_message_skips_people_whose_data_was_removed(full_desk):
    shift, bookings = full_desk
    person = bookings["confirmed"].person
    person.anonymised_at = NOW
    person.save()

    assert roster_messages.message_shift(shift.pk, "Hello", "Text", sender="Jo", now=NOW) == 1


# Export rows ---------------------------------------------------------------------------


def test_roster_lists_active_bookings_by_default(full_desk):
    shift, bookings = full_desk

    active = roster.roster_bookings(shift=shift)
    everyone = roster.roster_bookings(shift=shift, statuses=None)

    assert [b.pk for b in active] == [
        bookings[name].pk for name in ("confirmed", "pending", "waiting")
    ]
    assert everyone.count() == 4
    assert roster.roster_bookings(event=shift.event).count() == 3
    assert roster.roster_bookings(campaign=factories.campaign()).count() == 0


def test_export_row_has_contact_details_needs_and_confirmations(full_desk):
    shift, bookings = full_desk
    booking = roster.roster_bookings(shift=shift).get(pk=bookings["confirmed"].pk)

    row = roster_exports.export_row(booking)

    assert row == {
        "campaign": "",
        "event": "Spring wellbeing fair",
        "shift": "Welcome desk",
        "starts": "2027-05-08 09:30 BST",
        "name": "Ana",
        "email": "ana@example.org",
        "phone": "",
        # Signed up at an English address: their mails are in British English.
        "language": "British English",
        "access_needs": "Step-free route, please",
        "confirmations": "I am 18 or over",
        "status": "Confirmed",
        "attendance": "Not recorded",
        "added_by": "",
        "signed_up": "2027-04-01 10:00 BST",
    }
    assert list(row) == list(roster_exports.EXPORT_HEADINGS)


@pytest.mark.parametrize(
    ("typed", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("@sam", "'@sam"),
        ("Sam", "Sam"),
        ("", ""),
    ],
)
def test_spreadsheet_cells_never_start_a_formula(typed, safe):
    assert roster_exports.spreadsheet_safe(typed) == safe


# Adding by hand ------------------------------------------------------------------------


def test_add_by_hand_books_at_once_but_not_onto_a_removed_shift(full_desk):
    shift, bookings = full_desk
    booking_service.withdraw(bookings["pending"].pk, now=NOW)  # Cai is offered the seat
    booking_service.withdraw(bookings["waiting"].pk, now=NOW)

    added = roster.add_by_hand(
        shift.pk, name="Fin", email="fin@example.org", added_by="jo", now=NOW
    ).booking
    assert (added.status, added.added_by) == (Status.CONFIRMED, "jo")
    # Fin never ticked our consent box: the record says a coordinator added them.
    assert added.person.consent_text_version == people.ADDED_BY_HAND
    with pytest.raises(BookingError) as full:
        roster.add_by_hand(shift.pk, name="Gus", email="gus@example.org", now=NOW)
    assert full.value.code == "full"

    Shift.objects.filter(pk=shift.pk).update(removed_at=NOW)
    with pytest.raises(BookingError) as removed:
        roster.add_by_hand(shift.pk, name="Gus", email="gus@example.org", now=NOW)
    assert removed.value.code == "removed"
