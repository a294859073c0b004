"""Issue 17, item 1: typing someone's address into a sign-up changes nothing stored
about them; the details offered reach their record only when they follow the link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.bookings.services import booking
from events.models import Booking, OutboxMessage, Person
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db


def _confirmed_person(email="sam@example.org"):
    shift = make_bookable(capacity=5)
    then = timezone.now() - timedelta(days=10)
    first = booking.sign_up(shift.pk, name="Sam", email=email, phone="0111", now=then).booking
    booking.confirm(first.pk, now=then)
    return Person.objects.get(pk=first.person.pk), then


def test_an_unconfirmed_sign_up_leaves_a_known_person_untouched():
    person, then = _confirmed_person()
    other = make_bookable(capacity=5, starts_in=timedelta(days=20))

    pending = booking.sign_up(
        other.pk, name="Mallory", email="SAM@example.org", phone="0999"
    ).booking

    person.refresh_from_db()
    assert (person.name, person.phone, person.consent_at) == ("Sam", "0111", then)
    assert pending.status == Booking.Status.PENDING
    assert (pending.offered_name, pending.offered_phone) == ("Mallory", "0999")


def test_mail_for_an_unproved_sign_up_greets_the_proved_name():
    _confirmed_person()
    other = make_bookable(capacity=5, starts_in=timedelta(days=20))

    pending = booking.sign_up(other.pk, name="Mallory", email="sam@example.org").booking

    sent = OutboxMessage.objects.filter(booking=pending, purpose="booking_pending").get()
    assert sent.recipient_name == "Sam"


def test_confirming_applies_the_offered_details_and_refreshes_consent():
    person, _ = _confirmed_person()
    other = make_bookable(capacity=5, starts_in=timedelta(days=20))
    pending = booking.sign_up(other.pk, name="Samantha", email="sam@example.org", phone="").booking
    now = timezone.now()

    booking.confirm(pending.pk, now=now)

    person.refresh_from_db()
    assert (person.name, person.phone, person.consent_at) == ("Samantha", "0111", now)


def test_signing_up_again_never_overwrites_the_existing_booking_details():
    shift = make_bookable(capacity=5)
    then = timezone.now() - timedelta(days=1)
    first = booking.sign_up(shift.pk, name="Sam", email="sam@example.org", now=then).booking

    again = booking.sign_up(shift.pk, name="Mallory", email="sam@example.org", phone="0999")

    assert again.already_booked
    first.refresh_from_db()
    first.person.refresh_from_db()
    assert (first.offered_name, first.offered_phone) == ("", "")
    assert first.person.name == "Sam"
    booking.confirm(first.pk)
    first.person.refresh_from_db()
    assert (first.person.name, first.person.phone) == ("Sam", "")


def test_an_expired_unproved_sign_up_never_reaches_the_record():
    person, then = _confirmed_person()
    other = make_bookable(capacity=5, starts_in=timedelta(days=20), hold_minutes=1)
    booking.sign_up(other.pk, name="Mallory", email="sam@example.org", phone="0999")

    booking.release_expired(now=timezone.now() + timedelta(minutes=5))

    person.refresh_from_db()
    assert (person.name, person.phone, person.consent_at) == ("Sam", "0111", then)
