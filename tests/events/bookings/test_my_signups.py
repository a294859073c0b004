"""The private "my sign-ups" page: calendar file and feed, new links, delete my data;
and the retention purge that forgets people on its own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.bookings.services import booking as booking_service
from events.bookings.services import links, retention
from events.models import Booking, OutboxMessage, Person
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db


def confirmed(bookable, email="sam@example.org", now=None, **fields):
    outcome = booking_service.sign_up(bookable.pk, name="Sam", email=email, now=now, **fields)
    booking_service.confirm(outcome.booking.pk, now=now)
    return Booking.objects.select_related("person").get(pk=outcome.booking.pk)


def manage_url(person):
    return reverse("events:my_bookings", args=[links.manage_token(person)])


def test_the_page_offers_each_booking_as_a_calendar_file(client):
    booking = confirmed(make_bookable(title="Welcome desk"))
    token = links.manage_token(booking.person)

    page = client.get(manage_url(booking.person)).content.decode()
    ics_url = reverse("events:booking_ics", args=[token, booking.public_id])
    response = client.get(ics_url)

    assert ics_url in page
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event["UID"] == f"booking-{booking.public_id}@tapestry"
    assert str(event["SUMMARY"]) == "Welcome desk" and event["STATUS"] == "CONFIRMED"


def test_another_persons_booking_is_not_downloadable(client):
    mine = confirmed(make_bookable())
    theirs = confirmed(make_bookable(starts_in=timedelta(days=9)), email="kim@example.org")
    token = links.manage_token(mine.person)

    response = client.get(reverse("events:booking_ics", args=[token, theirs.public_id]))

    assert response.status_code == 404


def test_the_private_feed_lists_current_places_only(client):
    first = confirmed(make_bookable(title="Welcome desk"))
    later = make_bookable(title="Tea stall", starts_in=timedelta(days=9))
    confirmed(later)
    left = confirmed(make_bookable(title="Left early", starts_in=timedelta(days=12)))
    booking_service.cancel(left.pk)
    feed = reverse("events:my_feed", args=[links.feed_token(first.person)])

    response = client.get(feed)

    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Welcome desk", "Tea stall"]
    assert calendar.walk("VTIMEZONE")
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_feed_address_cannot_open_the_manage_page(client):
    booking = confirmed(make_bookable())
    feed_token = links.feed_token(booking.person)

    response = client.get(reverse("events:my_bookings", args=[feed_token]))

    assert response.status_code == 404


def test_new_links_revoke_the_old_page_and_feed(client):
    booking = confirmed(make_bookable())
    old_manage = manage_url(booking.person)
    old_feed = reverse("events:my_feed", args=[links.feed_token(booking.person)])

    response = client.post(old_manage, {"action": "rotate"})

    assert response.status_code == 302 and response["Location"] != old_manage
    assert client.get(old_manage).status_code == 404
    assert client.get(old_feed).status_code == 404
    assert client.get(response["Location"]).status_code == 200


def test_delete_my_data_frees_places_and_forgets_the_person(client):
    bookable = make_bookable(capacity=1)
    booking = confirmed(bookable, phone="0123", access_needs="Quiet room")
    waiting = booking_service.sign_up(bookable.pk, name="Kim", email="kim@example.org").booking
    url = reverse("events:forget_me", args=[links.manage_token(booking.person)])

    ask = client.get(url)
    done = client.post(url)

    assert "cancels your 1 current sign-up" in ask.content.decode()
    assert done.status_code == 200
    person = Person.objects.get(pk=booking.person.pk)
    assert (person.name, person.email, person.phone) == ("", "", "")
    assert person.anonymised_at is not None
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.access_needs == ""
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    assert not OutboxMessage.objects.filter(recipient="sam@example.org").exists()
    assert client.get(url).status_code == 404


def test_the_same_address_can_book_again_after_deleting(client):
    bookable = make_bookable(capacity=3)
    booking = confirmed(bookable)
    retention.forget(booking.person)

    again = booking_service.sign_up(bookable.pk, name="Sam", email="sam@example.org")

    assert again.booking.person.pk != booking.person.pk
    assert not again.already_booked


def test_purge_forgets_people_90_days_after_their_last_booking_and_keeps_counts():
    now = timezone.now()
    past = make_bookable(capacity=3, starts_in=timedelta(days=-100))
    recent = make_bookable(capacity=3, starts_in=timedelta(days=-30))
    long_ago = now - timedelta(days=120)
    old = confirmed(past, email="old@example.org", now=long_ago, access_needs="Ramp")
    Person.objects.filter(pk=old.person.pk).update(created_at=long_ago)
    regular = confirmed(past, email="regular@example.org", now=long_ago, access_needs="Chair")
    Person.objects.filter(pk=regular.person.pk).update(created_at=long_ago)
    confirmed(recent, email="regular@example.org", now=now - timedelta(days=40))

    forgotten = retention.purge(now=now)

    assert forgotten == 1
    old.person.refresh_from_db()
    assert old.person.email == "" and old.person.consent_text_version
    assert old.person.consent_at is not None
    regular.person.refresh_from_db()
    assert regular.person.email == "regular@example.org"
    regular.refresh_from_db()
    assert regular.access_needs == ""  # the old booking's needs go anyway
    # Counts survive: both past bookings are still there, confirmed.
    assert Booking.objects.filter(bookable=past, status="confirmed").count() == 2
    assert retention.purge(now=now) == 0


def test_purge_honours_the_retention_setting(settings):
    settings.TAPESTRY_RETENTION_DAYS = 200
    long_ago = timezone.now() - timedelta(days=120)
    old = confirmed(
        make_bookable(starts_in=timedelta(days=-100)), email="old@example.org", now=long_ago
    )
    Person.objects.filter(pk=old.person.pk).update(created_at=long_ago)

    assert retention.purge() == 0
