"""The public sign-up form on shifts of another size than the fair's two places (the rest
of the form's tests share that fair in test_shift_signup.py): one place that fills, and ten
for the rate limit."""

import pytest

from events.bookings.services import booking as booking_service
from events.models import Booking
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data, signup_url

pytestmark = pytest.mark.django_db


def test_a_full_shift_offers_the_waiting_list(client):
    event, shift = event_with_shift(capacity=1)
    client.post(signup_url(event, shift), form_data())
    # Only a confirmed place shows as taken (an unconfirmed hold is anyone's typing).
    booking_service.confirm(Booking.objects.get().pk)

    page = client.get(signup_url(event, shift)).content.decode()
    client.post(signup_url(event, shift), form_data(email="ben@example.org", name="Ben"))

    assert "Join the waiting list" in page
    assert Booking.objects.get(person__email="ben@example.org").status == "waitlisted"


def test_sign_ups_are_rate_limited_per_client_address(client, settings):
    settings.TAPESTRY_SIGNUP_RATE_LIMIT = (2, 3600)
    event, shift = event_with_shift(capacity=10)

    codes = [
        client.post(signup_url(event, shift), form_data(email=f"p{n}@example.org")).status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 200]
    assert Booking.objects.count() == 2
