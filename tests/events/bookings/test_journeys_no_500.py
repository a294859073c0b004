"""Issue 17, item 4: no 500 from the manage page's POST fields or from any numeric path
segment, however large or odd; and no booking token in a log line."""

import logging
from pathlib import Path

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from campaign.logs import RedactTokens, redact
from events.bookings.services import booking as booking_service
from events.bookings.services import links
from tests.events.bookings.helpers import shift_signup as shifts
from tests.support.demo_once import fresh, module_rows
from tests.support.fuzz import VALUE, fuzz_settings

pytestmark = pytest.mark.django_db

HUGE = st.one_of(
    st.sampled_from(["9223372036854775807", "9223372036854775808", "18446744073709551616"]),
    st.integers(min_value=2**63, max_value=10**40).map(str),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.sampled_from(["0", "00", "-1", "1e9", "0x10", "\uff11\uff12", "\u0663"]),
)


def test_our_urls_use_the_bounded_id_converter():
    import events.admin_urls
    import events.urls
    import home.urls
    from events.calendar.models import campaign_pages, event_index, event_pages

    routed_pages = (campaign_pages, event_index, event_pages)
    for module in (events.urls, events.admin_urls, home.urls, *routed_pages):
        source = Path(module.__file__).read_text()
        assert "<int:" not in source, module.__name__


def _build_person_token():
    event, shift = shifts.event_with_shift()
    made = booking_service.sign_up(
        shift.pk, name="Ana", email="ana@example.org", confirmations=["I am 18 or over"]
    ).booking
    return event, shift, links.manage_token(made.person)


# The fair's shift with Ana's hold on it, built once for the module: each test reads its
# own copies and its writes are undone.
token_rows = module_rows(_build_person_token)


@pytest.fixture
def person_token(token_rows, db):
    cache.clear()
    return fresh(token_rows)


@fuzz_settings(40)
@given(number=HUGE)
def test_numbers_in_paths_never_cause_a_500(client, person_token, number):
    event, _, _ = person_token
    paths = [
        f"/calendar/events/{number}.ics",
        f"/calendar/events/{number}/x.ics",
        f"/comments/{number}/",
        event.url + f"volunteer/{number}/",
        event.url + f"volunteer/{number}/sent/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path


def test_a_huge_shift_number_is_a_404(client, person_token):
    event, _, _ = person_token
    assert client.get(event.url + "volunteer/9223372036854775808/").status_code == 404
    assert client.get("/calendar/events/9223372036854775808.ics").status_code == 404


@fuzz_settings(60)
@given(
    data=st.dictionaries(
        st.sampled_from(["booking", "action", "standing", "csrfmiddlewaretoken", "x"]),
        st.one_of(VALUE, st.sampled_from(["rotate", "stop_standing", "cancel"])),
        max_size=4,
    )
)
def test_manage_page_posts_never_cause_a_500(client, person_token, data):
    _, _, token = person_token
    response = client.post(f"/my-bookings/{token}/", data)
    assert response.status_code < 500


def test_a_non_uuid_booking_is_answered_calmly(client, person_token):
    _, _, token = person_token
    response = client.post(f"/my-bookings/{token}/", {"booking": "not-a-uuid"}, follow=True)
    assert response.status_code == 200


def test_log_lines_never_carry_a_booking_token(settings):
    token = "WyJhYmMiLDFd:1vQ:sig-Nature_x"
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "%s: %s",
        ("Internal Server Error", f"/my-bookings/{token}/delete/"),
        None,
    )
    assert RedactTokens().filter(record)
    assert token not in record.getMessage()
    for path in (
        f"/my-bookings/{token}/",
        f"/bookings/confirm/{token}/",
        f"/my-bookings/feed/{token}.ics",
        f'"GET /my-bookings/{token}/bookings/x.ics HTTP/1.1" 200',
    ):
        assert token not in redact(path)
    assert redact("/my-bookings/") == "/my-bookings/"
    console = settings.LOGGING["handlers"]["console"]
    assert "redact_tokens" in console["filters"]
