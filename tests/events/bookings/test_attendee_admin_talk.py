"""The attendee admin with yesterday's talk alone (test_attendee_admin.py builds a workshop
for all of its tests): the places export and check-in."""

import csv
import io

import pytest

from tests.events.bookings.helpers.admin import booking_of, login, messages_on, text, url
from tests.events.bookings.helpers.attendees import evening_talk
from tests.events.bookings.helpers.campaign import this_months_campaign
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_talk():
    return evening_talk(this_months_campaign())


# This month's campaign and yesterday's talk, built once for the module: each test reads
# its own copy and its writes are undone.
talk_rows = module_rows(_build_talk)


@pytest.fixture
def started(talk_rows, db):
    """Yesterday's talk with no limit on places: Quilla confirmed."""
    return fresh(talk_rows)


def test_places_export_has_counts_only_and_says_no_limit(client, django_user_model, started):
    login(client, django_user_model, "editor")

    response = client.get(url("attendees", when="any", export="csv"))

    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert [
        (row["Event"], row["Places"], row["Confirmed"], row["Places left"]) for row in rows
    ] == [("Evening talk", "No limit", "1", "")]
    assert "Name" not in rows[0] and "quilla" not in text(response).lower()


def test_check_in_attended_and_no_show(client, django_user_model, started):
    login(client, django_user_model, "coordinator")
    quilla = booking_of(started, "Quilla")

    response = client.post(
        url("registration_attendance", started.pk, quilla.pk),
        {"attendance": "attended"},
        follow=True,
    )

    assert booking_of(started, "Quilla").attendance == "attended"
    assert messages_on(response) == ["Quilla: attended."]
    client.post(url("registration_attendance", started.pk, quilla.pk), {"attendance": "no_show"})
    assert booking_of(started, "Quilla").attendance == "no_show"
    assert "Did not come" in text(client.get(url("registration_roster", started.pk)))
