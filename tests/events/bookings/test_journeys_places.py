"""Issue 17, item 2: the public "places left" must look the same whether or not a
submitted address already holds a place (shifts, meetings, standing registrations)."""

import re

import pytest
from django.core.cache import cache

from events.bookings.services import booking as booking_service
from events.models import Booking
from tests.events.bookings.helpers import registration as reg
from tests.events.bookings.helpers import shift_signup as shifts

pytestmark = pytest.mark.django_db
PLACES = re.compile(r"\d+ of \d+ places? left|Full[^<]*|Places available")


def _places(client, *urls):
    return [PLACES.findall(client.get(url).content.decode()) for url in urls]


def _confirm(email):
    booked = Booking.objects.get(person__email_key=email, status=Booking.Status.PENDING)
    booking_service.confirm(booked.pk)


def _check(client, post_url, data, page_urls):
    """Book known@ for real, then submit it again and a new address: no change shown."""
    client.post(post_url, data(email="known@example.org"))
    _confirm("known@example.org")
    cache.clear()
    before = _places(client, *page_urls)
    assert all(before), before

    client.post(post_url, data(email="known@example.org", name="Someone else"))
    cache.clear()
    after_known = _places(client, *page_urls)
    client.post(post_url, data(email="new@example.org"))
    cache.clear()
    after_new = _places(client, *page_urls)

    assert after_known == before
    assert after_new == after_known
    assert Booking.objects.filter(person__email_key="new@example.org").exists()


def test_shift_places_do_not_tell_who_is_booked(client):
    event, shift = shifts.event_with_shift(capacity=3)
    url = shifts.signup_url(event, shift)
    _check(client, url, shifts.form_data, [event.url, url])


def test_meeting_places_do_not_tell_who_is_booked(client):
    event = reg.workshop(registration_capacity=3)
    url = reg.register_url(event)
    _check(client, url, reg.form_data, [event.url, url])


def test_standing_registration_places_do_not_tell_who_is_booked(client):
    event = reg.group()
    first = event.occurrences.order_by("start").first()
    url = reg.register_url(event, first.key)

    def data(**values):
        return reg.form_data(meetings="every", **values)

    _check(client, url, data, [event.url, url])


def test_the_last_place_held_unconfirmed_still_shows_as_free(client):
    event, shift = shifts.event_with_shift(capacity=1)
    url = shifts.signup_url(event, shift)

    client.post(url, shifts.form_data(email="stranger@example.org"))
    cache.clear()

    assert "1 of 1 place left" in client.get(url).content.decode()
