"""The booking rules behind volunteer shifts and event registrations."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from events.bookings.services import booking, links, people
from events.models import Bookable, Booking
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db
Status = Booking.Status


def sign_up(bookable, email, name="Sam", **kwargs):
    return booking.sign_up(bookable.pk, name=name, email=email, **kwargs).booking


def test_sign_up_holds_a_seat_pending_confirmation():
    shift = make_bookable(capacity=2, hold_minutes=30)
    now = timezone.now()

    result = booking.sign_up(shift.pk, name="Sam", email="sam@example.org", now=now)

    assert result.booking.status == Status.PENDING
    assert result.booking.hold_expires_at == now + timedelta(minutes=30)
    shift.refresh_from_db()
    assert shift.seats_taken == 1
    assert result.booking.person.consent_text_version == people.CONSENT_TEXT_VERSION


def test_full_bookable_puts_people_on_the_waiting_list():
    shift = make_bookable(capacity=1)
    sign_up(shift, "first@example.org")

    second = sign_up(shift, "second@example.org")

    assert second.status == Status.WAITLISTED
    shift.refresh_from_db()
    assert shift.seats_taken == 1


def test_same_email_in_another_case_does_not_book_twice():
    shift = make_bookable(capacity=5)
    first = sign_up(shift, "Sam@Example.org")

    again = booking.sign_up(shift.pk, name="Sam", email="  sam@EXAMPLE.org ")

    assert again.already_booked
    assert again.booking.pk == first.pk
    assert Booking.objects.count() == 1
    shift.refresh_from_db()
    assert shift.seats_taken == 1


def test_database_refuses_a_second_active_booking_for_one_person():
    shift = make_bookable(capacity=5)
    first = sign_up(shift, "sam@example.org")

    with pytest.raises(IntegrityError):
        Booking.objects.create(
            bookable=shift, person=first.person, status=Status.WAITLISTED, created_at=timezone.now()
        )


def test_database_refuses_more_seats_than_capacity():
    shift = make_bookable(capacity=1)
    sign_up(shift, "sam@example.org")

    with pytest.raises(IntegrityError):
        Bookable.objects.filter(pk=shift.pk).update(seats_taken=2)


def test_overlapping_bookings_for_one_email_are_refused_with_a_clear_message():
    morning = make_bookable(starts_in=timedelta(days=3), length=timedelta(hours=3))
    overlapping = make_bookable(starts_in=timedelta(days=3, hours=2), length=timedelta(hours=3))
    sign_up(morning, "sam@example.org")

    with pytest.raises(booking.BookingError) as refused:
        sign_up(overlapping, "SAM@example.org")

    assert refused.value.code == "overlap"
    assert "overlaps" in refused.value.message


def test_back_to_back_bookings_do_not_overlap():
    first = make_bookable(starts_in=timedelta(days=3), length=timedelta(hours=3))
    second = make_bookable(starts_in=timedelta(days=3, hours=3), length=timedelta(hours=3))
    sign_up(first, "sam@example.org")

    assert sign_up(second, "sam@example.org").status == Status.PENDING


def test_overlap_is_allowed_where_the_bookable_says_so():
    first = make_bookable(starts_in=timedelta(days=3))
    second = make_bookable(starts_in=timedelta(days=3), allow_overlap=True)
    sign_up(first, "sam@example.org")

    assert sign_up(second, "sam@example.org").status == Status.PENDING


def test_sign_up_outside_its_window_is_refused():
    now = timezone.now()
    not_yet = make_bookable(opens_at=now + timedelta(days=1))
    closed = make_bookable(closes_at=now - timedelta(minutes=1))
    started = make_bookable(starts_in=timedelta(minutes=-5))

    for bookable, code in [(not_yet, "not_open"), (closed, "closed"), (started, "closed")]:
        with pytest.raises(booking.BookingError) as refused:
            sign_up(bookable, "sam@example.org")
        assert refused.value.code == code
    assert Booking.objects.count() == 0


def test_confirming_keeps_the_seat_and_clears_the_hold():
    shift = make_bookable(capacity=1)
    pending = sign_up(shift, "sam@example.org")

    confirmed = booking.confirm(pending.pk).booking

    assert confirmed.status == Status.CONFIRMED
    assert confirmed.hold_expires_at is None
    assert booking.confirm(pending.pk).already_booked


def test_expired_hold_frees_the_seat_and_offers_it_to_the_waiting_list():
    shift = make_bookable(capacity=1, hold_minutes=30, offer_hours=12)
    now = timezone.now()
    pending = sign_up(shift, "first@example.org", now=now)
    waiting = sign_up(shift, "second@example.org", now=now)

    assert booking.release_expired(now=now + timedelta(minutes=29)) == []
    offered = booking.release_expired(now=now + timedelta(minutes=31))

    assert [b.pk for b in offered] == [waiting.pk]
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.status == Status.EXPIRED
    assert waiting.status == Status.OFFERED
    assert waiting.offer_expires_at == now + timedelta(minutes=31, hours=12)
    shift.refresh_from_db()
    assert shift.seats_taken == 1


def test_an_expired_hold_can_no_longer_be_confirmed():
    shift = make_bookable(capacity=1, hold_minutes=30)
    now = timezone.now()
    pending = sign_up(shift, "sam@example.org", now=now)
    booking.release_expired(now=now + timedelta(minutes=31))

    with pytest.raises(booking.BookingError) as refused:
        booking.confirm(pending.pk)

    assert refused.value.code == "inactive"


def test_unanswered_offer_passes_to_the_next_person():
    shift = make_bookable(capacity=1, offer_hours=12)
    now = timezone.now()
    first = sign_up(shift, "first@example.org", now=now)
    second = sign_up(shift, "second@example.org", now=now)
    third = sign_up(shift, "third@example.org", now=now + timedelta(seconds=1))
    booking.cancel(first.pk, now=now)

    offered = booking.release_expired(now=now + timedelta(hours=12, seconds=1))

    assert [b.pk for b in offered] == [third.pk]
    second.refresh_from_db()
    assert second.status == Status.EXPIRED


def test_accepting_an_offer_confirms_the_seat():
    shift = make_bookable(capacity=1)
    first = sign_up(shift, "first@example.org")
    second = sign_up(shift, "second@example.org")
    booking.cancel(first.pk)

    assert booking.confirm(second.pk).booking.status == Status.CONFIRMED


def test_waiting_list_cannot_confirm_before_an_offer():
    shift = make_bookable(capacity=1)
    sign_up(shift, "first@example.org")
    waiting = sign_up(shift, "second@example.org")

    with pytest.raises(booking.BookingError) as refused:
        booking.confirm(waiting.pk)

    assert refused.value.code == "waitlisted"


def test_cancelling_frees_the_seat_for_the_longest_waiting_person():
    shift = make_bookable(capacity=1)
    now = timezone.now()
    holder = sign_up(shift, "holder@example.org", now=now)
    earlier = sign_up(shift, "earlier@example.org", now=now + timedelta(seconds=1))
    sign_up(shift, "later@example.org", now=now + timedelta(seconds=2))

    outcome = booking.cancel(holder.pk)

    assert [b.pk for b in outcome.offered] == [earlier.pk]
    assert booking.cancel(holder.pk).already_booked  # a second click changes nothing
    shift.refresh_from_db()
    assert shift.seats_taken == 1


def test_leaving_the_waiting_list_frees_no_seat():
    shift = make_bookable(capacity=1)
    sign_up(shift, "holder@example.org")
    waiting = sign_up(shift, "waiting@example.org")

    outcome = booking.cancel(waiting.pk)

    assert outcome.offered == []
    shift.refresh_from_db()
    assert shift.seats_taken == 1


def test_raising_capacity_offers_the_new_seats_in_order():
    shift = make_bookable(capacity=1)
    now = timezone.now()
    sign_up(shift, "holder@example.org", now=now)
    waiting = [
        sign_up(shift, f"w{i}@example.org", now=now + timedelta(seconds=i)) for i in range(1, 4)
    ]

    outcome = booking.set_capacity(shift.pk, 3)

    assert [b.pk for b in outcome.offered] == [waiting[0].pk, waiting[1].pk]
    shift.refresh_from_db()
    assert (shift.capacity, shift.seats_taken) == (3, 3)


def test_capacity_cannot_drop_below_the_seats_already_held():
    shift = make_bookable(capacity=3)
    sign_up(shift, "a@example.org")
    sign_up(shift, "b@example.org")

    with pytest.raises(booking.BookingError) as refused:
        booking.set_capacity(shift.pk, 1)

    assert "2 people already hold a place" in refused.value.message


def test_manage_token_finds_the_person_and_rotation_revokes_old_links():
    shift = make_bookable()
    person = sign_up(shift, "sam@example.org").person
    old = links.manage_token(person)

    assert links.person_for_manage_token(old) == person
    new = links.rotate_tokens(person)

    assert links.person_for_manage_token(old) is None
    assert links.person_for_manage_token(new) == person


@pytest.mark.parametrize("token", ["", "1", "not-a-token", "x" * 500, "1:2:3"])
def test_wrong_or_forged_manage_tokens_find_nobody(token):
    person = sign_up(make_bookable(), "sam@example.org").person

    assert links.person_for_manage_token(token) is None
    forged = links.manage_token(person)[:-2] + "xx"
    assert links.person_for_manage_token(forged) is None


def test_manage_token_is_not_a_sequential_id():
    person = sign_up(make_bookable(), "sam@example.org").person

    token = links.manage_token(person)

    assert str(person.pk) != token.split(":")[0]
    assert len(token) > 40
