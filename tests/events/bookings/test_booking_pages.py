"""The pages behind booking links: private, never changed by a GET, same answer for all."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking, links
from events.models import Booking, OutboxMessage
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db


def signed_up(email="sam@example.org", **fields):
    shift = make_bookable(**fields)
    return booking.sign_up(shift.pk, name="Sam", email=email).booking


def test_my_bookings_lists_and_cancels_by_post_only(client):
    held = signed_up(title="Welcome desk")
    url = reverse("events:my_bookings", args=[links.manage_token(held.person)])

    page = client.get(url)

    assert page.status_code == 200
    assert "Welcome desk" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    asked = client.post(url, {"booking": str(held.public_id)})
    assert "Yes, cancel my place" in asked.content.decode()
    assert Booking.objects.get().status == Booking.Status.PENDING
    client.post(url, {"booking": str(held.public_id), "action": "cancel"})
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_a_manage_link_cannot_cancel_someone_elses_booking(client):
    mine = signed_up("me@example.org")
    theirs = signed_up("them@example.org")

    url = reverse("events:my_bookings", args=[links.manage_token(mine.person)])
    client.post(url, {"booking": str(theirs.public_id), "action": "cancel"})

    theirs.refresh_from_db()
    assert theirs.status == Booking.Status.PENDING


@pytest.mark.parametrize("token", ["nonsense", "1", "eyJhIjoxfQ:abc:def"])
def test_wrong_links_get_a_helpful_404(client, token):
    for name in ("events:my_bookings", "events:booking_confirm"):
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 404
        assert "Send me my links" in response.content.decode()


def test_links_older_than_the_limit_stop_working(client, settings):
    held = signed_up()
    with time_machine.travel(timezone.now() - timedelta(days=181)):
        old_manage = links.manage_token(held.person)
        old_confirm = links.booking_token(held)
        old_feed = links.feed_token(held.person)

    assert client.get(reverse("events:my_bookings", args=[old_manage])).status_code == 404
    assert client.get(reverse("events:booking_confirm", args=[old_confirm])).status_code == 404
    assert client.get(reverse("events:my_feed", args=[old_feed])).status_code == 404
    fresh = links.manage_token(held.person)
    assert client.get(reverse("events:my_bookings", args=[fresh])).status_code == 200


def test_a_confirm_link_after_the_hold_lapsed_says_so(client):
    held = signed_up()
    booking.release_expired(now=timezone.now() + timedelta(hours=1))

    page = client.get(reverse("events:booking_confirm", args=[links.booking_token(held)]))

    assert page.status_code == 200
    assert "Expired" in page.content.decode()
    response = client.post(reverse("events:booking_confirm", args=[links.booking_token(held)]))
    assert "This link has expired" in response.content.decode()


def test_rotated_manage_link_stops_working(client):
    held = signed_up()
    old = links.manage_token(held.person)
    links.rotate_tokens(held.person)

    assert client.get(reverse("events:my_bookings", args=[old])).status_code == 404


def test_resend_links_answers_the_same_for_known_and_unknown_addresses(client):
    signed_up("known@example.org")
    url = reverse("events:resend_links")

    known = client.post(url, {"email": "known@example.org"})
    unknown = client.post(url, {"email": "stranger@example.org"})

    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert OutboxMessage.objects.filter(purpose="booking_links").count() == 1


def test_resend_links_is_rate_limited_per_address_of_the_client(client):
    signed_up("known@example.org")
    url = reverse("events:resend_links")
    for _ in range(5):
        client.post(url, {"email": "stranger@example.org"})

    response = client.post(url, {"email": "known@example.org"})

    assert response.status_code == 200
    assert not OutboxMessage.objects.filter(purpose="booking_links").exists()


def test_resend_links_shows_a_clear_error_for_a_bad_address(client):
    response = client.post(reverse("events:resend_links"), {"email": "not an email"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address like name@example.com" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'value="not an email"' in html  # nothing typed is lost
