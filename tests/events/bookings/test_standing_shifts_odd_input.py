"""Odd input to "every meeting until I stop": answers on the sign-up form and stop requests
from *my sign-ups* that are not errors (the rest is in test_standing_shifts.py)."""

import pytest
from django.urls import reverse

from events.bookings.services import booking as booking_service
from events.bookings.services import links
from events.models import Booking, StandingShift
from tests.events.bookings.helpers.repeating import ask_every_meeting, circle, meeting_shifts
from tests.events.bookings.helpers.shift_signup import form_data, signup_url
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_circles():
    return {"four_weeks": circle(), "two_weeks": circle(weeks=2, slug="two-week-circle")}


# Two weekly groups built once for the module; each test's sign-ups are undone.
circle_rows = module_rows(_build_circles)


@pytest.fixture
def circles(circle_rows, db):
    return fresh(circle_rows)


@pytest.mark.parametrize("value", ["sometimes", "", "every\x00", "x" * 5000])
def test_odd_answers_get_a_message_not_an_error(client, circles, value):
    event = circles["four_weeks"]
    first = meeting_shifts(event)[0]

    response = client.post(signup_url(event, first), form_data(meetings=value))

    assert response.status_code == 200
    assert "Choose this meeting only or every meeting" in response.content.decode()
    assert not StandingShift.objects.exists()
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "stop_shift", "standing": "not-a-uuid"},
        {"action": "stop_shift_ask"},
        {"action": "stop_shift", "standing": "00000000-0000-0000-0000-000000000000"},
    ],
)
def test_odd_stop_requests_are_not_errors(client, circles, data):
    event = circles["two_weeks"]
    outcome = ask_every_meeting(meeting_shifts(event)[0])
    booking_service.confirm(outcome.booking.pk)
    url = reverse("events:my_bookings", args=[links.manage_token(outcome.booking.person)])

    response = client.post(url, data)

    assert response.status_code == 302
    assert StandingShift.objects.get().status == "active"
