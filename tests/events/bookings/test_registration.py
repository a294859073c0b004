"""Attendee registration: the event page's settings, the public form, per-meeting places,
"every meeting until I cancel", change and cancellation notices, reminders, retention."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.bookings.services import booking as booking_service
from events.bookings.services import links, mail, registrations, retention
from events.models import (
    UNLIMITED,
    Booking,
    OutboxMessage,
    Person,
    Registration,
    StandingRegistration,
)
from tests.events import factories
from tests.events.bookings.helpers.registration import (
    LINK,
    form_data,
    group,
    register_url,
    workshop,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def confirm_latest(email):
    booking = Booking.objects.filter(person__email=email).latest("created_at")
    booking_service.confirm(booking.pk)
    booking.refresh_from_db()
    return booking


def test_event_page_offers_registration_with_places_left(client):
    event = workshop()

    body = client.get(event.url).content.decode()

    assert "2 of 2 places left" in body
    assert register_url(event) in body


def test_registering_holds_a_place_and_keeps_how_they_heard(client):
    event = workshop()

    response = client.post(
        register_url(event), form_data(access_needs="Step-free, please", how_heard="poster")
    )

    assert response.status_code == 302 and response["Location"].endswith("/register/sent/")
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.PENDING
    assert booking.how_heard == "poster" and booking.access_needs == "Step-free, please"
    registration = Registration.objects.get(event=event)
    assert registration.seats_taken == 1 and registration.occurrence_key == ""
    assert OutboxMessage.objects.filter(booking=booking, purpose="booking_pending").exists()


def test_form_has_the_public_field_names_and_no_meeting_choice_for_a_one_off(client):
    body = client.get(register_url(workshop())).content.decode()

    for name in ("name", "email", "consent", "access_needs", "how_heard", "website"):
        assert f'name="{name}"' in body
    assert 'name="meetings"' not in body


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


def test_confirmation_mail_and_calendar_carry_the_private_link_and_address():
    event = group()
    occurrence = event.occurrences.order_by("start")[1]

    outcome = registrations.sign_up(
        event, occurrence, name="Ana", email="ana@example.org", how_heard="friend"
    )
    booking_service.confirm(outcome.booking.pk)

    row = OutboxMessage.objects.get(booking=outcome.booking, purpose="booking_confirmed")
    message = mail.compose(row)
    assert LINK in message.body and "12 Mill Lane" in message.body
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert LINK in str(vevent["LOCATION"]) and "12 Mill Lane" in str(vevent["LOCATION"])
    # The places are for that meeting only.
    registration = Registration.objects.get(event=event)
    assert registration.occurrence_key == occurrence.key
    assert registration.starts_at == occurrence.start


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


def test_the_series_page_registers_for_the_next_meeting(client):
    event = group()
    first = event.occurrences.order_by("start").first()

    body = client.get(event.url).content.decode()
    client.post(register_url(event), form_data())

    assert register_url(event, first.key) in body
    assert Registration.objects.get().occurrence_key == first.key


def test_every_meeting_until_i_cancel_books_the_meetings_ahead_once_confirmed(client, settings):
    settings.TAPESTRY_STANDING_REGISTRATION_DAYS = 22  # meetings in 3, 10 and 17 days
    event = group()
    first = event.occurrences.order_by("start").first()

    client.post(register_url(event, first.key), form_data(meetings="every"))
    standing = StandingRegistration.objects.get()
    assert standing.status == "pending" and Booking.objects.count() == 1

    confirm_latest("ana@example.org")

    standing.refresh_from_db()
    assert standing.status == "active"
    booked = Booking.objects.filter(status="confirmed").order_by("bookable__starts_at")
    assert booked.count() == 3
    # Each meeting is a booking of its own, with its own reminders (24 h and 1 h before).
    later = booked[1]
    reminders = OutboxMessage.objects.filter(booking=later, purpose="booking_reminder")
    assert sorted(later.bookable.starts_at - row.due_at for row in reminders) == [
        timedelta(hours=1),
        timedelta(hours=24),
    ]

    # Time passes: the daily run books the next meeting that came into range.
    registrations.extend_all(now=timezone.now() + timedelta(days=7))
    assert Booking.objects.filter(status="confirmed").count() == 4

    manage = reverse("events:my_bookings", args=[links.manage_token(standing.person)])
    page = client.get(manage).content.decode()
    assert "Every meeting until you cancel" in page
    client.post(manage, {"action": "stop_standing", "standing": str(standing.public_id)})

    standing.refresh_from_db()
    assert standing.status == "cancelled"
    assert not Booking.objects.filter(status__in=Booking.ACTIVE).exists()


def test_changing_the_join_link_tells_confirmed_attendees():
    event = group()
    occurrence = event.occurrences.order_by("start").first()
    outcome = registrations.sign_up(event, occurrence, name="Ana", email="ana@example.org")
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, join_url="https://meet.example/new-room-5512")

    notice = OutboxMessage.objects.get(booking=outcome.booking, purpose="booking_changed")
    message = mail.compose(notice)
    assert "https://meet.example/new-room-5512" in message.body
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 1 and "new-room-5512" in str(vevent["LOCATION"])


def test_a_new_summary_is_not_a_change_worth_a_mail():
    event = workshop()
    outcome = registrations.sign_up(
        event, registrations.meeting(event), name="Ana", email="ana@example.org"
    )
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, summary="Better words.")

    assert not OutboxMessage.objects.filter(purpose="booking_changed").exists()


def test_cancelling_one_meeting_tells_its_attendees_only():
    event = group()
    first, second = event.occurrences.order_by("start")[:2]
    ana = registrations.sign_up(event, first, name="Ana", email="ana@example.org").booking
    ben = registrations.sign_up(event, second, name="Ben", email="ben@example.org").booking
    booking_service.confirm(ana.pk)
    booking_service.confirm(ben.pk)
    original = timezone.localtime(first.recurrence_id, event.zone).date()

    factories.republish(
        event,
        overrides=[
            event.overrides.model(original_date=original, cancelled=True, note="Facilitator ill")
        ],
    )

    ana.refresh_from_db()
    ben.refresh_from_db()
    assert ana.status == "cancelled" and ben.status == "confirmed"
    notice = OutboxMessage.objects.get(booking=ana, purpose="booking_called_off")
    message = mail.compose(notice)
    assert "is cancelled and will not take place" in message.body
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert vevent["STATUS"] == "CANCELLED"
    assert not OutboxMessage.objects.filter(
        booking=ana, purpose="booking_reminder", status="scheduled"
    ).exists()


def test_cancelling_the_event_calls_off_every_registration():
    event = workshop()
    outcome = registrations.sign_up(
        event, registrations.meeting(event), name="Ana", email="ana@example.org"
    )
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, status="cancelled", status_reason="The hall flooded.")

    assert OutboxMessage.objects.filter(
        booking=outcome.booking, purpose="booking_called_off"
    ).exists()


def test_the_manage_page_lists_a_registration_with_its_place(client):
    event = group()
    occurrence = event.occurrences.order_by("start").first()
    outcome = registrations.sign_up(event, occurrence, name="Ana", email="ana@example.org")
    booking_service.confirm(outcome.booking.pk)
    person = outcome.booking.person

    page = client.get(
        reverse("events:my_bookings", args=[links.manage_token(person)])
    ).content.decode()
    feed = client.get(reverse("events:my_feed", args=[links.feed_token(person)]))

    assert LINK in page and f"occurrences/{occurrence.key}/" in page
    vevent = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert LINK in str(vevent["LOCATION"])


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


def test_forgetting_someone_stops_their_standing_registration():
    event = group()
    first = event.occurrences.order_by("start").first()
    outcome = registrations.sign_up(
        event, first, every_meeting=True, name="Ana", email="ana@example.org"
    )
    booking_service.confirm(outcome.booking.pk)

    retention.forget(outcome.booking.person)

    assert StandingRegistration.objects.get().status == "cancelled"
    assert not Booking.objects.filter(status__in=Booking.ACTIVE).exists()


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


def test_the_meeting_choice_is_a_labelled_group_and_the_honeypot_is_out_of_reach(client):
    event = group()
    first = event.occurrences.order_by("start").first()

    body = client.get(register_url(event, first.key)).content.decode()

    group_html = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", body, re.S).group(1)
    assert "<legend>Which meetings?" in group_html
    assert group_html.count('type="radio"') == 2
    honeypot = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', body, re.S)
    assert 'name="website"' in honeypot.group(1) and 'tabindex="-1"' in honeypot.group(1)
    assert body.count('name="website"') == 1


def test_errors_are_summarised_linked_and_tied_to_their_fields(client):
    body = client.post(register_url(workshop()), form_data(email="nope", consent="")).content
    body = body.decode()

    summary = re.search(r'<div class="form-errors"[^>]*role="alert".*?</div>', body, re.S).group(0)
    assert 'href="#id_email"' in summary and 'href="#id_consent"' in summary
    email = re.search(r'<input[^>]*name="email"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_helptext id_email_error"' in email
    assert 'id="id_email_error"' in body and 'id="id_email_helptext"' in body
