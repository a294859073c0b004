"""Attendee registration: the event page's settings, the public form, per-meeting places,
"every meeting until I cancel", change and cancellation notices, reminders, retention.
The tests that read one default event are in test_registration_one_off.py and
test_registration_series.py."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from events.bookings.services import registrations, retention
from events.models import (
    UNLIMITED,
    Booking,
    Person,
    Registration,
)
from tests.events import factories
from tests.events.bookings.helpers.registration import (
    confirm_latest,
    form_data,
    group,
    register_url,
    workshop,
)

pytestmark = pytest.mark.django_db


def test_a_full_event_offers_the_waiting_list_and_says_so(client):
    event = workshop(registration_capacity=1)
    client.post(register_url(event), form_data())
    # Only a confirmed place shows as taken (an unconfirmed hold is anyone's typing).
    confirm_latest("ana@example.org")

    page = client.get(event.url).content.decode()
    client.post(register_url(event), form_data(email="ben@example.org", name="Ben"))

    assert "Full: join the waiting list" in page
    assert Booking.objects.get(person__email="ben@example.org").status == "waitlisted"


def test_the_answer_is_the_same_for_new_and_known_addresses_and_bots_book_nothing(client):
    event = workshop(registration_capacity=5)
    first = client.post(register_url(event), form_data(email="known@example.org"))
    again = client.post(register_url(event), form_data(email="known@example.org"))
    bot = client.post(register_url(event), form_data(email="bot@example.org", website="x"))

    assert first["Location"] == again["Location"] == bot["Location"]
    assert Booking.objects.count() == 1
    assert not Person.objects.filter(email="bot@example.org").exists()


def test_registrations_are_rate_limited(client, settings):
    settings.TAPESTRY_SIGNUP_RATE_LIMIT = (2, 3600)
    event = workshop(registration_capacity=None)

    codes = [
        client.post(register_url(event), form_data(email=f"p{n}@example.org")).status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 200]


def test_empty_capacity_means_no_limit():
    event = workshop(registration_capacity=None)

    card = registrations.card(event)

    assert card.unlimited and card.registration.capacity == UNLIMITED and card.state == "open"


def test_registration_off_or_by_invitation_has_no_form(client):
    off = workshop(registration_mode="off", slug="off")
    invite = workshop(
        registration_mode="invite", slug="invite", registration_notes="Ask Sam for a place."
    )

    assert client.get(register_url(off)).status_code == 404
    assert client.get(register_url(invite)).status_code == 404
    page = client.get(invite.url).content.decode()
    assert "This is by invitation." in page and "Ask Sam for a place." in page


def test_the_registration_window_is_respected(client):
    event = workshop(registration_opens_at=timezone.now() + timedelta(days=1))

    page = client.get(event.url).content.decode()
    response = client.post(register_url(event), form_data())

    assert "Registration opens on" in page
    assert response.status_code == 200 and not Booking.objects.exists()


def test_each_meeting_has_its_own_places(client):
    event = group(registration_capacity=1)
    first, second = event.occurrences.order_by("start")[:2]

    client.post(register_url(event, first.key), form_data())
    client.post(register_url(event, second.key), form_data(email="ben@example.org"))
    client.post(register_url(event, first.key), form_data(email="cy@example.org"))

    statuses = {
        (b.bookable.registration.occurrence_key, b.person.email): b.status
        for b in Booking.objects.select_related("bookable__registration", "person")
    }
    assert statuses == {
        (first.key, "ana@example.org"): "pending",
        (second.key, "ben@example.org"): "pending",
        (first.key, "cy@example.org"): "waitlisted",
    }
    confirm_latest("ana@example.org")
    page = client.get(event.url + f"occurrences/{first.key}/").content.decode()
    assert "Full: join the waiting list" in page
    page = client.get(event.url + f"occurrences/{event.occurrences.order_by('start')[2].key}/")
    assert "1 of 1 place left" in page.content.decode()


def test_retention_forgets_attendees_like_volunteers():
    event = workshop(start_date=date(2027, 5, 4))
    outcome = registrations.sign_up(
        event,
        registrations.meeting(event),
        name="Ana",
        email="ana@example.org",
        access_needs="Quiet seat",
        how_heard="social",
        now=datetime(2027, 4, 1, tzinfo=UTC),
    )
    Person.objects.update(created_at=datetime(2027, 4, 1, tzinfo=UTC))

    count = retention.purge(now=datetime(2027, 9, 1, tzinfo=UTC), days=90)

    assert count == 1
    booking = Booking.objects.get(pk=outcome.booking.pk)
    assert booking.person.anonymised_at is not None and booking.person.email == ""
    assert booking.access_needs == ""
    # The campaign keeps its counts: how people heard is not personal.
    assert booking.how_heard == "social"


def test_the_editor_sets_registration_in_the_admin_and_cannot_drop_below_people_booked(client):
    from django.contrib.auth import get_user_model

    from events.models import EventPage
    from tests.events.calendar.helpers import add_url, form

    get_user_model().objects.create_superuser("editor", "", "pw-123456789")
    client.login(username="editor", password="pw-123456789")
    index = factories.site_with_index()
    data = form(registration_mode="open", registration_capacity="5")
    assert client.post(add_url(index), data).status_code == 302
    event = EventPage.objects.get(slug="tuesday-circle")
    first = event.occurrences.order_by("start").first()
    for email in ("a@example.org", "b@example.org"):
        registrations.sign_up(event, first, name="A", email=email, now=first.start - timedelta(1))
    edit_url = f"/admin/pages/{event.pk}/edit/"

    too_few = client.post(edit_url, form(registration_mode="open", registration_capacity="1"))
    backwards = client.post(
        edit_url,
        form(
            registration_mode="open",
            registration_opens_at="2027-03-10 10:00",
            registration_closes_at="2027-03-01 10:00",
        ),
    )

    assert "2 people already hold a place" in too_few.content.decode()
    assert "Registration must close after it opens." in backwards.content.decode()
    assert Registration.objects.get().capacity == 5
