"""A booking remembers the language its person signed up in (the address they used), and
everything sent about it is written in that language."""

import pytest
from django.core import mail as django_mail
from django.utils import translation

from events.models import Booking
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data, signup_url
from tests.support.outbox import deliver

pytestmark = pytest.mark.django_db


def test_signing_up_at_a_spanish_address_stores_spanish(client):
    event, shift = event_with_shift()

    response = client.post("/es" + signup_url(event, shift), form_data())

    assert response.status_code == 302
    assert response["Location"].startswith("/es/")
    assert Booking.objects.get().language == "es"


def test_signing_up_at_an_english_address_stores_english(client):
    event, shift = event_with_shift()

    client.post(signup_url(event, shift), form_data())

    assert Booking.objects.get().language == "en-gb"


def test_the_confirmation_mail_is_spanish_whoever_sends_it(client):
    event, shift = event_with_shift()
    client.post("/es" + signup_url(event, shift), form_data())
    django_mail.outbox.clear()

    # The worker runs with no request and no language of its own.
    with translation.override("en-gb"):
        deliver()

    (message,) = django_mail.outbox
    body = message.body
    with translation.override("es"):
        expected = translation.gettext("Please confirm your place: {title}")
    assert expected != "Please confirm your place: {title}", "the catalogue has no Spanish"
    assert message.subject == expected.format(title=shift.title)
    assert "Ana Lima" in body
    assert "/es/" in body, "the links lead back to the Spanish pages"
    assert message.extra_headers.get("Content-Language") == "es"
    # The calendar file's words too: no English day names in a Spanish mail.
    assert "Saturday" not in body and "Sunday" not in body


def test_the_same_mail_in_english_for_an_english_booking(client):
    event, shift = event_with_shift()
    client.post(signup_url(event, shift), form_data())
    django_mail.outbox.clear()

    with translation.override("es"):
        deliver()

    (message,) = django_mail.outbox
    assert message.subject == f"Please confirm your place: {shift.title}"
    assert "/es/" not in message.body
    assert message.extra_headers.get("Content-Language") == "en-gb"


def test_the_roster_shows_each_persons_language(client, django_user_model):
    from django.urls import reverse

    event, shift = event_with_shift()
    client.post("/es" + signup_url(event, shift), form_data())
    booking = Booking.objects.get()
    booking.status = Booking.Status.CONFIRMED
    booking.save()
    admin = django_user_model.objects.create_superuser("coord", "c@example.org", "pw")
    client.force_login(admin)

    page = client.get(reverse("events_admin:volunteer_roster") + f"?shift={shift.pk}")

    assert page.status_code == 200
    assert '<th scope="col">Language</th>' in page.content.decode()
    assert "<td>Spanish</td>" in page.content.decode()


def test_the_calendar_invitation_leads_to_the_site_in_the_booking_language(client):
    from events.bookings.services import ics

    event, shift = event_with_shift()
    client.post("/es" + signup_url(event, shift), form_data())
    booking = Booking.objects.get()
    booking.status = Booking.Status.CONFIRMED
    booking.save()

    with translation.override(booking.language):
        _method, spanish = ics.invitation(booking)
    with translation.override("en-gb"):
        _method, english = ics.invitation(booking)

    assert b"URL:http://testserver/es/" in spanish.replace(b"\r\n ", b"")
    assert b"URL:http://testserver/\r\n" in english.replace(b"\r\n ", b"")
