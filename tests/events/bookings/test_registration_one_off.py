"""Attendee registration on a one-off workshop: the page, the form, its errors, and which
edits tell attendees (more in test_registration.py)."""

import re

import pytest

from events.bookings.services import booking as booking_service
from events.bookings.services import registrations
from events.models import (
    Booking,
    OutboxMessage,
    Registration,
)
from tests.events import factories
from tests.events.bookings.helpers.registration import (
    form_data,
    register_url,
    workshop,
)
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


# The default workshop (helpers/registration.workshop), built once for the module; each
# test's registrations, bookings and edits are undone.
one_off_rows = module_rows(workshop)


@pytest.fixture
def one_off(one_off_rows, db):
    return fresh(one_off_rows)


def test_event_page_offers_registration_with_places_left(client, one_off):
    event = one_off

    body = client.get(event.url).content.decode()

    assert "2 of 2 places left" in body
    assert register_url(event) in body


def test_registering_holds_a_place_and_keeps_how_they_heard(client, one_off):
    event = one_off

    response = client.post(
        register_url(event), form_data(access_needs="Step-free, please", how_heard="poster")
    )

    assert response.status_code == 302 and response["Location"].endswith("/register/sent/")
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.PENDING
    assert booking.how_heard == "poster" and booking.access_needs == "Step-free, please"
    registration = Registration.objects.get(event=event)
    assert registration.seats_taken == 1 and registration.occurrence_key == ""
    assert OutboxMessage.objects.filter(booking=booking, purpose="booking_pending").exists()


def test_form_has_the_public_field_names_and_no_meeting_choice_for_a_one_off(client, one_off):
    body = client.get(register_url(one_off)).content.decode()

    for name in ("name", "email", "consent", "access_needs", "how_heard", "website"):
        assert f'name="{name}"' in body
    assert 'name="meetings"' not in body


def test_a_new_summary_is_not_a_change_worth_a_mail(one_off):
    event = one_off
    outcome = registrations.sign_up(
        event, registrations.meeting(event), name="Ana", email="ana@example.org"
    )
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, summary="Better words.")

    assert not OutboxMessage.objects.filter(purpose="booking_changed").exists()


def test_cancelling_the_event_calls_off_every_registration(one_off):
    event = one_off
    outcome = registrations.sign_up(
        event, registrations.meeting(event), name="Ana", email="ana@example.org"
    )
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, status="cancelled", status_reason="The hall flooded.")

    assert OutboxMessage.objects.filter(
        booking=outcome.booking, purpose="booking_called_off"
    ).exists()


def test_errors_are_summarised_linked_and_tied_to_their_fields(client, one_off):
    body = client.post(register_url(one_off), form_data(email="nope", consent="")).content
    body = body.decode()

    summary = re.search(r'<div class="form-errors"[^>]*role="alert".*?</div>', body, re.S).group(0)
    assert 'href="#id_email"' in summary and 'href="#id_consent"' in summary
    email = re.search(r'<input[^>]*name="email"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_helptext id_email_error"' in email
    assert 'id="id_email_error"' in body and 'id="id_email_helptext"' in body
