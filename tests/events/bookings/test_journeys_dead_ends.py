"""Issue 17, items 7-10: every state has a way forward from the page and the latest mail."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking, links, notices
from events.bookings.services import mail as mail_service
from events.models import Booking, OutboxMessage
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db
Status = Booking.Status


def composed(purpose, held):
    row = OutboxMessage.objects.filter(booking=held, purpose=purpose).latest("pk")
    return mail_service.compose(row)


def page_url(person):
    return reverse("events:my_bookings", args=[links.manage_token(person)])


def test_signing_up_again_while_pending_mails_a_working_confirm_link(client):
    shift = make_bookable(capacity=3)
    held = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org", now=timezone.now())

    message = composed("booking_links", held)

    found = re.search(r"https?://[^/\s]+(/bookings/confirm/[^\s]+/)", message.body)
    assert found, message.body
    client.post(found.group(1))
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED


def test_the_page_confirms_and_resends_after_new_links_were_made(client):
    shift = make_bookable(capacity=3)
    held = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    links.rotate_tokens(held.person)  # the mailed confirm link is now dead
    url = page_url(held.person)

    body = client.get(url).content.decode()
    assert "Confirm my place" in body and "Send the confirmation again" in body
    client.post(url, {"booking": str(held.public_id), "action": "resend_confirmation"})
    assert OutboxMessage.objects.filter(booking=held, purpose="booking_pending").count() == 2
    client.post(url, {"booking": str(held.public_id), "action": "confirm"})
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED


def test_cancelling_asks_first_then_mails_with_a_way_to_other_dates(client):
    shift = make_bookable(capacity=3)
    held = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    booking.confirm(held.pk)
    url = page_url(held.person)

    asked = client.post(url, {"booking": str(held.public_id)})
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED
    assert "Yes, cancel my place" in asked.content.decode()

    client.post(url, {"booking": str(held.public_id), "action": "cancel"})
    held.refresh_from_db()
    assert held.status == Status.CANCELLED
    message = composed("booking_cancelled", held)
    assert "cancelled your place" in message.subject
    assert any(name == "invite.ics" for name, *_ in message.attachments)


def test_links_are_sent_while_any_data_is_held_even_all_cancelled():
    shift = make_bookable(capacity=3)
    held = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    booking.cancel(held.pk)
    later = timezone.now() + timedelta(hours=2)

    notices.resend_links("sam@example.org", now=later)

    assert OutboxMessage.objects.filter(booking=held, purpose="booking_links").exists()
    message = composed("booking_links", held)
    assert reverse("events:my_bookings", args=["X"]).split("X")[0] in message.body


def test_waiting_list_mail_tells_the_position_and_what_happens_next():
    shift = make_bookable(capacity=1)
    booking.sign_up(shift.pk, name="A", email="a@example.org")
    booking.sign_up(shift.pk, name="B", email="b@example.org")
    third = booking.sign_up(shift.pk, name="C", email="c@example.org").booking

    message = composed("booking_waitlisted", third)

    assert third.status == Status.WAITLISTED
    assert "number 2 in line" in message.body
    assert "What happens next" in message.body
    assert "30 minutes" not in message.body
