"""The public side of volunteering: shifts on event and campaign pages, and the sign-up form."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.models import Booking, OutboxMessage, Person, Shift
from tests.events import factories
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data, signup_url, soon
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


# The fair with its welcome desk (two places, "I am 18 or over"), built once for the
# module: each test reads its own copies and its writes are undone. The tests that need a
# shift of another size are in test_shift_signup_sizes.py.
fair_rows = module_rows(event_with_shift)


@pytest.fixture
def fair(fair_rows, db):
    """(event, shift) of the fair."""
    return fresh(fair_rows)


def test_event_page_lists_its_shifts_with_places_left(client, fair):
    event, shift = fair

    response = client.get(event.url)

    body = response.content.decode()
    assert "Welcome desk" in body and "2 of 2 places left" in body
    assert signup_url(event, shift) in body
    assert "You will be asked to confirm: I am 18 or over." in body


def test_form_has_the_public_field_names_and_the_requirements(client, fair):
    event, shift = fair

    response = client.get(signup_url(event, shift))

    body = response.content.decode()
    assert response.status_code == 200
    for name in ("name", "email", "consent", "phone", "access_needs", "requirement_0"):
        assert f'name="{name}"' in body
    assert 'autocomplete="email"' in body and "I am 18 or over" in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_signing_up_holds_a_place_and_sends_the_confirmation_mail(client, fair):
    event, shift = fair

    response = client.post(
        signup_url(event, shift), form_data(phone="+44 7700 900123", access_needs="Step-free")
    )

    assert response.status_code == 302 and response["Location"].endswith(f"/{shift.pk}/sent/")
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.PENDING
    assert booking.confirmations == ["I am 18 or over"]
    assert booking.access_needs == "Step-free"
    person = Person.objects.get()
    assert person.phone == "+44 7700 900123"
    assert person.consent_at is not None and person.consent_text_version
    assert OutboxMessage.objects.filter(booking=booking, purpose="booking_pending").exists()
    shift.refresh_from_db()
    assert shift.seats_taken == 1


def test_missing_consent_and_requirement_are_explained_and_input_is_kept(client, fair):
    event, shift = fair

    response = client.post(
        signup_url(event, shift), form_data(consent=None, requirement_0=None, email="ana@bad")
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tick the box to agree that we may keep your details" in body
    assert "Tick the box to confirm this, or choose another shift" in body
    assert "Enter an email address like name@example.com" in body
    assert 'value="Ana Lima"' in body
    assert 'aria-describedby="id_consent_error"' in body
    assert not Booking.objects.exists()


def test_the_answer_is_the_same_for_new_known_and_clashing_addresses(client, fair):
    event, shift = fair
    other = factories.event(
        title="Same morning",
        slug="same-morning",
        start_date=event.start_date,
        shifts=[{"role": "Stewards", "start_time": time(10, 0), "end_time": time(11, 0)}],
    )
    stewards = Shift.objects.get(event=other)
    client.post(signup_url(event, shift), form_data(email="known@example.org"))

    new = client.post(signup_url(event, shift), form_data(email="new@example.org"))
    again = client.post(signup_url(event, shift), form_data(email="known@example.org"))
    clash = client.post(signup_url(other, stewards), form_data(email="known@example.org"))

    assert new.status_code == again.status_code == clash.status_code == 302
    assert new["Location"] == again["Location"]
    assert client.get(new["Location"]).content == client.get(again["Location"]).content
    # The clash is explained to the owner of the address, by mail only.
    overlap = OutboxMessage.objects.get(purpose="booking_overlap")
    assert overlap.recipient == "known@example.org"
    assert overlap.payload == {"attempted": "Stewards: Same morning"}
    assert not Booking.objects.filter(bookable=stewards).exists()


def test_bots_filling_the_hidden_field_book_nothing(client, fair):
    event, shift = fair

    response = client.post(signup_url(event, shift), form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not Booking.objects.exists() and not Person.objects.exists()


def test_a_closed_shift_says_so_and_books_nobody(client, fair):
    event, shift = fair
    Shift.objects.filter(pk=shift.pk).update(closes_at=timezone.now() - timedelta(minutes=1))

    response = client.post(signup_url(event, shift), form_data())

    assert "Sign-up for this shift has closed." in response.content.decode()
    assert not Booking.objects.exists()


def test_removed_or_foreign_shifts_are_not_found(client, fair):
    event, shift = fair
    other = factories.event(title="Other", slug="other", start_date=soon())

    assert client.get(other.url + f"volunteer/{shift.pk}/").status_code == 404
    Shift.objects.filter(pk=shift.pk).update(removed_at=timezone.now())
    assert client.get(signup_url(event, shift)).status_code == 404


def test_a_private_address_stays_private_on_the_sign_up_page(client):
    shift = {"role": "Tea", "start_time": time(18, 0), "end_time": time(19, 0)}
    event = factories.event(
        title="Tuesday circle",
        start_date=soon(),
        address_after_registration=True,
        shifts=[shift],
    )
    tea = Shift.objects.get(event=event)

    body = client.get(signup_url(event, tea)).content.decode()

    assert "Riverside town centre" in body
    assert "12 Mill Lane" not in body
    # Volunteers who book do get the address, in mail and calendar.
    assert "12 Mill Lane" in tea.location


def test_campaign_page_lists_shifts_that_need_people(client):
    campaign = factories.campaign(start_date=soon(0), end_date=soon(30))
    factories.event(
        title="Walk and talk",
        campaign=campaign,
        start_date=soon(),
        shifts=[{"role": "Route marshal", "start_time": time(10, 0), "end_time": time(12, 0)}],
    )

    body = client.get(campaign.url).content.decode()

    assert "Route marshal" in body and "Walk and talk" in body


def test_sign_up_never_shows_a_500_for_odd_input(client, fair):
    event, shift = fair
    odd = [
        form_data(name="<script>alert(1)</script>", phone="☎☎☎"),
        form_data(name=" " * 5),
        form_data(email="a" * 300 + "@example.org"),
        form_data(access_needs="x" * 5000),
        {"name": ["a", "b"], "email": "\x00"},
        {},
    ]
    for data in odd:
        response = client.post(signup_url(event, shift), data)
        assert response.status_code in (200, 302), data
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_booking_and_engine_agree_on_requirements(fair):
    _event, shift = fair
    with pytest.raises(booking_service.BookingError) as error:
        booking_service.sign_up(shift.pk, name="Ana", email="ana@example.org")
    assert error.value.code == "requirements"


def test_shift_on_a_past_date_is_not_listed(client, fair):
    event, _shift = fair
    Shift.objects.update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    assert "Welcome desk" not in client.get(event.url).content.decode()
