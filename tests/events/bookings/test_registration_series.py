"""Attendee registration on a weekly group: places per meeting, the private link and
address, "every meeting until I cancel", notices of changes (more in test_registration.py)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.bookings.services import booking as booking_service
from events.bookings.services import links, mail, registrations, retention
from events.models import (
    Booking,
    OutboxMessage,
    Registration,
    StandingRegistration,
)
from tests.events import factories
from tests.events.bookings.helpers.registration import (
    LINK,
    confirm_latest,
    form_data,
    group,
    register_url,
)
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


# The default weekly group (helpers/registration.group), built once for the module; each
# test's registrations, bookings and edits are undone.
circle_rows = module_rows(group)


@pytest.fixture
def circle(circle_rows, db):
    return fresh(circle_rows)


def test_confirmation_mail_and_calendar_carry_the_private_link_and_address(circle):
    event = circle
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


def test_the_series_page_registers_for_the_next_meeting(client, circle):
    event = circle
    first = event.occurrences.order_by("start").first()

    body = client.get(event.url).content.decode()
    client.post(register_url(event), form_data())

    assert register_url(event, first.key) in body
    assert Registration.objects.get().occurrence_key == first.key


def test_every_meeting_until_i_cancel_books_the_meetings_ahead_once_confirmed(
    client, settings, circle
):
    settings.TAPESTRY_STANDING_REGISTRATION_DAYS = 22  # meetings in 3, 10 and 17 days
    event = circle
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


def test_changing_the_join_link_tells_confirmed_attendees(circle):
    event = circle
    occurrence = event.occurrences.order_by("start").first()
    outcome = registrations.sign_up(event, occurrence, name="Ana", email="ana@example.org")
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, join_url="https://meet.example/new-room-5512")

    notice = OutboxMessage.objects.get(booking=outcome.booking, purpose="booking_changed")
    message = mail.compose(notice)
    assert "https://meet.example/new-room-5512" in message.body
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 1 and "new-room-5512" in str(vevent["LOCATION"])


def test_cancelling_one_meeting_tells_its_attendees_only(circle):
    event = circle
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


def test_the_manage_page_lists_a_registration_with_its_place(client, circle):
    event = circle
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


def test_forgetting_someone_stops_their_standing_registration(circle):
    event = circle
    first = event.occurrences.order_by("start").first()
    outcome = registrations.sign_up(
        event, first, every_meeting=True, name="Ana", email="ana@example.org"
    )
    booking_service.confirm(outcome.booking.pk)

    retention.forget(outcome.booking.person)

    assert StandingRegistration.objects.get().status == "cancelled"
    assert not Booking.objects.filter(status__in=Booking.ACTIVE).exists()


def test_the_meeting_choice_is_a_labelled_group_and_the_honeypot_is_out_of_reach(client, circle):
    event = circle
    first = event.occurrences.order_by("start").first()

    body = client.get(register_url(event, first.key)).content.decode()

    group_html = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", body, re.S).group(1)
    assert "<legend>Which meetings?" in group_html
    assert group_html.count('type="radio"') == 2
    honeypot = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', body, re.S)
    assert 'name="website"' in honeypot.group(1) and 'tabindex="-1"' in honeypot.group(1)
    assert body.count('name="website"') == 1
