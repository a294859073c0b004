"""Coordinators put someone first on the waiting list, with a note why; the next free seat
goes to them. And the roster counts who did not come."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.bookings.services import booking as booking_service
from events.bookings.services import roster
from events.models import Booking
from tests.events.bookings.helpers.admin import book, booking_of, login, text, url
from tests.events.bookings.helpers.campaign import fair_shift, this_months_campaign
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_full():
    """Zanele and Yusuf hold both places; Tomas then Una wait, in that order."""
    campaign = this_months_campaign()
    shift = fair_shift(campaign)
    book(shift, "Tomas", confirm=False)
    book(shift, "Una", confirm=False)
    assert booking_of(shift, "Una").status == "waitlisted"
    return {"campaign": campaign, "full": shift}


# This month's campaign and its full shift (tests/events/bookings/conftest.py), built once
# for the module: each test reads its own copies and its writes are undone.
full_rows = module_rows(_build_full)


@pytest.fixture
def campaign(full_rows, db):
    return fresh(full_rows["campaign"])


@pytest.fixture
def full(full_rows, db):
    return fresh(full_rows["full"])


def offered_after_a_place_frees(shift):
    booking_service.withdraw(booking_of(shift, "Zanele").pk)
    return list(
        Booking.objects.filter(bookable_id=shift.pk, status="offered").values_list(
            "person__name", flat=True
        )
    )


def test_control_first_come_first_served(full):
    assert offered_after_a_place_frees(full) == ["Tomas"]


def test_moved_to_the_front_gets_the_next_place(client, coordinator, full):
    una = booking_of(full, "Una")

    response = client.post(
        url("shift_front", full.pk, una.pk), {"note": "Knows the group well"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Una is now first on the waiting list."
    ]
    assert "Placed first: Knows the group well (coordinator)" in text(response)
    assert offered_after_a_place_frees(full) == ["Una"]


def test_moving_needs_a_note_and_someone_waiting(client, coordinator, full):
    una, zanele = booking_of(full, "Una"), booking_of(full, "Zanele")

    no_note = client.post(url("shift_front", full.pk, una.pk), {"note": "  "}, follow=True)
    not_waiting = client.post(url("shift_front", full.pk, zanele.pk), {"note": "x"}, follow=True)

    assert [str(m) for m in no_note.context["messages"]] == [
        "Say why, in a short note, so others know."
    ]
    assert [str(m) for m in not_waiting.context["messages"]] == [
        "Only people on the waiting list can be moved."
    ]
    assert not Booking.objects.exclude(queue_order=None).exists()


def test_editors_cannot_reorder(client, django_user_model, full):
    login(client, django_user_model, "editor")
    una = booking_of(full, "Una")

    response = client.post(url("shift_front", full.pk, una.pk), {"note": "Because"})

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert booking_of(full, "Una").queue_order is None


def test_roster_counts_who_did_not_come(client, coordinator, started_shift):
    xiomara = booking_of(started_shift, "Xiomara")
    client.post(url("shift_attendance", started_shift.pk, xiomara.pk), {"attendance": "no_show"})

    assert "Did not come: <strong>1</strong>" in text(
        client.get(url("shift_roster", started_shift.pk))
    )


@pytest.mark.postgres
def test_moving_locks_the_bookable_before_the_booking(full):
    """docs/locking.md: a seat change locks the bookable, then bookings. Moving someone the
    other way round could deadlock against a cancellation that offers their place."""
    una = booking_of(full, "Una")

    with CaptureQueriesContext(connection) as queries:
        roster.move_to_front(una.pk, "Knows the group well")

    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(locks) == 2
    assert '"events_bookable"' in locks[0].split(" WHERE ")[0]
    assert locks[1].split(" FROM ")[1].startswith('"events_booking"')
