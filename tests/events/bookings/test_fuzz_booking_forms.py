"""Fuzzing the booking forms: a volunteer shift's sign-up and an event's registration.
No input may cause a server error, echo markup, or book anyone without valid details."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from events.bookings.services import links
from events.models import Booking, Shift
from tests.events import factories
from tests.support.fuzz import VALUE, assert_no_markup_echoed, fuzz_settings, query

pytestmark = pytest.mark.slow

SHIFT_FIELDS = ["name", "email", "phone", "access_needs", "requirement_0", "consent", "website"]
REGISTER_FIELDS = ["name", "email", "access_needs", "how_heard", "consent", "website"]


@pytest.fixture
def event(db, settings):
    settings.TAPESTRY_SIGNUP_RATE_LIMIT = (10**9, 3600)
    return factories.event(
        title="Spring fair",
        start_date=timezone.localdate() + timedelta(days=10),
        registration_mode="open",
        registration_capacity=10_000,
        shifts=[
            {
                "role": "Welcome desk",
                "start_time": time(9, 0),
                "end_time": time(12, 0),
                "capacity": 10_000,
                "requirements": "I am 18 or over",
            }
        ],
    )


def valid_looking(fields):
    """Mostly well-formed posts with one hostile value, so the deep paths run too."""
    base = {
        "name": st.just("Ana"),
        "email": st.integers(0, 10**6).map(lambda n: f"fuzz{n}@example.org"),
        "consent": st.just("on"),
        "requirement_0": st.just("on"),
        "website": st.just(""),
    }
    return st.builds(
        lambda picked, key, value: {**picked, key: value},
        st.fixed_dictionaries({k: v for k, v in base.items() if k in fields}),
        st.sampled_from(fields),
        VALUE,
    )


@pytest.mark.parametrize("form", ["shift", "registration"])
def test_booking_forms_survive_any_input(client, event, form):
    if form == "shift":
        shift = Shift.objects.get(event=event)
        path = event.url + event.reverse_subpage("shift_signup", kwargs={"shift_id": shift.pk})
        fields = SHIFT_FIELDS
    else:
        path = event.url + event.reverse_subpage("register_view")
        fields = REGISTER_FIELDS
    calls = []

    @fuzz_settings(150)
    @given(data=st.one_of(query(fields), valid_looking(fields)))
    def run(data):
        calls.append(data)
        response = client.post(path, data)
        assert response.status_code < 500, data
        assert_no_markup_echoed(response.content.decode(), f"on the {form} form")

    run()
    assert len(calls) >= 150
    # Whatever got through has a real address; names are kept as typed (shown escaped:
    # the manage page of each is checked for echoed markup).
    for booking in Booking.objects.select_related("person"):
        assert "@" in booking.person.email
        manage = reverse("events:my_bookings", args=[links.manage_token(booking.person)])
        assert_no_markup_echoed(client.get(manage).content.decode(), "on a manage page")
