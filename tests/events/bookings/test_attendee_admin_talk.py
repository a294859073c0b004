"""The attendee admin with yesterday's talk alone (test_attendee_admin.py builds a workshop
for all of its tests): the places export and check-in."""

import csv
import io

import pytest

from tests.events.bookings.helpers.admin import booking_of, login, messages_on, text, url
from tests.events.bookings.helpers.attendees import evening_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(campaign):
    """Yesterday's talk with no limit on places: Quilla confirmed."""
    return evening_talk(campaign)


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
