"""Check-in at the door: who may use it, one tap per person (safe to repeat), walk-ins,
search, counts and the printable sheet."""

import json
from datetime import time, timedelta

import pytest
from django.utils import timezone

from events.models import Booking, OutboxMessage, Shift
from tests.events import factories
from tests.events.bookings.helpers.admin import book, booking_of, login, text, url
from tests.events.bookings.helpers.campaign import fair_shift, this_months_campaign, walk_shift
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def _build_today_shift():
    """A shift running all day today, four places: Amara and Bo confirmed, Chidi holding a
    place while he has not used his link; in this month's campaign, beside the fair's shift
    ten days ahead and yesterday's walk (tests/events/bookings/conftest.py)."""
    campaign = this_months_campaign()
    event = factories.event(
        campaign=campaign,
        title="Open day",
        slug="open-day",
        start_date=timezone.localdate(),
        start_time=time(0, 0),
        end_time=time(23, 59),
        shifts=[
            factories.shift(role="Door", start_time=time(0, 0), end_time=time(23, 59), capacity=4)
        ],
    )
    shift = Shift.objects.get(event=event)
    book(shift, "Amara")
    book(shift, "Bo")
    book(shift, "Chidi", confirm=False)
    return {
        "campaign": campaign,
        "today_shift": shift,
        "shift": fair_shift(campaign),
        "started_shift": walk_shift(campaign),
    }


# Built once for the module; each test reads its own copies and its writes are undone.
door_rows = module_rows(_build_today_shift)


@pytest.fixture
def campaign(door_rows, db):
    """The campaign of today's shift, the fair's and the walk's."""
    return fresh(door_rows["campaign"])


@pytest.fixture
def today_shift(door_rows, db):
    return fresh(door_rows["today_shift"])


@pytest.fixture
def shift(door_rows, db):
    """Ten days ahead: Zanele confirmed, Yusuf waiting for his link."""
    return fresh(door_rows["shift"])


@pytest.fixture
def started_shift(door_rows, db):
    """Yesterday's: Xiomara confirmed, Wendell on the waiting list."""
    return fresh(door_rows["started_shift"])


def door_requests(shift):
    amara = booking_of(shift, "Amara")
    door = ("shifts", shift.pk)
    return [
        ("get", url("checkin"), None),
        ("get", url("checkin_door", *door), None),
        ("get", url("checkin_door", *door) + "?q=am", None),
        ("get", url("checkin_sheet", *door), None),
        ("post", url("checkin_tap", *door, amara.pk), {"arrived": "1"}),
        ("post", url("checkin_walk_in", *door), {"name": "Vesna", "email": "vesna@example.org"}),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, today_shift):
    for method, path, data in door_requests(today_shift):
        response = getattr(client, method)(path, data or {})
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/?next="), path


def test_editors_are_refused_every_check_in_page_and_action(client, django_user_model, today_shift):
    login(client, django_user_model, "editor")

    for method, path, data in door_requests(today_shift):
        response = getattr(client, method)(path, data or {})
        assert (response.status_code, response["Location"]) == (302, "/admin/"), path
    assert "Amara" not in text(client.get("/admin/"))
    assert url("checkin") not in text(client.get("/admin/"))
    assert not Booking.objects.exclude(attendance="").exists()
    assert not Booking.objects.filter(person__name="Vesna").exists()


@pytest.mark.parametrize("kind", ["coordinator", "superuser"])
def test_coordinators_and_superusers_use_the_door(client, django_user_model, today_shift, kind):
    login(client, django_user_model, kind)

    for method, path, data in door_requests(today_shift):
        response = getattr(client, method)(path, data or {})
        assert response.status_code in (200, 302), path
    assert booking_of(today_shift, "Amara").attendance == "attended"
    assert booking_of(today_shift, "Vesna").attendance == "attended"


def test_today_lists_todays_shifts_only(client, coordinator, today_shift, shift, started_shift):
    html = text(client.get(url("checkin")))

    assert url("checkin_door", "shifts", today_shift.pk) in html
    assert url("checkin_door", "shifts", shift.pk) not in html
    assert url("checkin_door", "shifts", started_shift.pk) not in html


def test_door_shows_counts_and_one_button_per_confirmed_person(client, coordinator, today_shift):
    html = text(client.get(url("checkin_door", "shifts", today_shift.pk)))

    assert html.count("data-tap") == 2  # Amara and Bo; Chidi has not confirmed
    assert "Chidi" not in html
    assert '<strong data-count="expected">2</strong>' in html
    assert '<strong data-count="arrived">0</strong>' in html
    assert "events/checkin.js" in html


def test_search_by_name(client, coordinator, today_shift):
    html = text(client.get(url("checkin_door", "shifts", today_shift.pk), {"q": " AMA "}))
    assert "Amara" in html and "Bo<" not in html and html.count("data-tap") == 1

    nobody = text(client.get(url("checkin_door", "shifts", today_shift.pk), {"q": "Zed"}))
    assert "Nobody on this shift matches" in nobody


def test_a_tap_checks_in_once_and_a_repeated_tap_says_so(client, coordinator, today_shift):
    amara = booking_of(today_shift, "Amara")
    tap = url("checkin_tap", "shifts", today_shift.pk, amara.pk)

    first = client.post(tap, {"arrived": "1"}, **JSON)
    again = client.post(tap, {"arrived": "1"}, **JSON)

    assert first.status_code == again.status_code == 200
    assert json.loads(first.content) == {
        "ok": True,
        "message": "Amara is checked in.",
        "attended": True,
        "counts": {"expected": 2, "arrived": 1, "waiting": 1},
    }
    assert json.loads(again.content)["message"] == "Amara was already in."
    assert json.loads(again.content)["counts"]["arrived"] == 1

    undo = json.loads(client.post(tap, {"arrived": "0"}, **JSON).content)
    assert (undo["attended"], undo["counts"]["arrived"]) == (False, 0)
    assert booking_of(today_shift, "Amara").attendance == ""


def test_a_refused_tap_says_why_and_changes_nothing(client, coordinator, today_shift, shift):
    chidi = booking_of(today_shift, "Chidi")
    early = booking_of(shift, "Zanele")

    waiting = client.post(
        url("checkin_tap", "shifts", today_shift.pk, chidi.pk), {"arrived": "1"}, **JSON
    )
    too_early = client.post(
        url("checkin_tap", "shifts", shift.pk, early.pk), {"arrived": "1"}, follow=True
    )
    wrong_list = client.post(url("checkin_tap", "shifts", today_shift.pk, early.pk))

    assert waiting.status_code == 409
    assert json.loads(waiting.content)["message"] == (
        "Attendance is only recorded for confirmed volunteers."
    )
    assert [str(m) for m in too_early.context["messages"]] == [
        "Attendance can be recorded from 30 minutes before the shift starts."
    ]
    assert wrong_list.status_code == 404
    assert client.get(url("checkin_door", "nonsense", today_shift.pk)).status_code == 404
    assert not Booking.objects.exclude(attendance="").exists()


def test_a_walk_in_is_booked_and_checked_in_in_one_step(client, coordinator, today_shift):
    response = client.post(
        url("checkin_walk_in", "shifts", today_shift.pk),
        {"name": "Dara", "email": "dara@example.org"},
        follow=True,
    )

    dara = booking_of(today_shift, "Dara")
    assert (dara.status, dara.attendance, dara.added_by) == ("confirmed", "attended", "coordinator")
    assert [str(m) for m in response.context["messages"]] == ["Dara is booked and checked in."]
    assert OutboxMessage.objects.filter(booking=dara, purpose="booking_confirmed").exists()


def test_a_walk_in_with_a_bad_email_or_on_a_full_shift_is_a_form_message(
    client, coordinator, today_shift
):
    bad = client.post(
        url("checkin_walk_in", "shifts", today_shift.pk), {"name": "Dara", "email": "nope"}
    )
    client.post(
        url("checkin_walk_in", "shifts", today_shift.pk),
        {"name": "Eve", "email": "eve@example.org"},
    )  # the fourth and last place
    full = client.post(
        url("checkin_walk_in", "shifts", today_shift.pk),
        {"name": "Fay", "email": "fay@example.org"},
    )

    assert bad.status_code == full.status_code == 400
    assert "Enter a valid email address." in text(bad)
    assert "Every place is taken" in text(full)
    assert not Booking.objects.filter(person__name__in=["Dara", "Fay"]).exists()


def test_sign_in_sheet_lists_confirmed_people_and_blank_rows(client, coordinator, today_shift):
    html = text(client.get(url("checkin_sheet", "shifts", today_shift.pk)))

    assert "Amara" in html and "Bo" in html and "Chidi" not in html
    assert html.count("Walk-in name") == 8
    assert "tapestry-sheet" in html


def test_shift_page_links_to_the_door(client, coordinator, today_shift):
    html = text(client.get(url("shift_roster", today_shift.pk)))
    assert url("checkin_door", "shifts", today_shift.pk) in html


def test_window_is_the_local_day():
    from events.bookings.services import checkin

    start, end = checkin.today_window(timezone.now())
    assert end - start == timedelta(days=1)
    assert start <= timezone.now() < end
