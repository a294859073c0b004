"""The private "my sign-ups" feed is named, paced and answers 304; kind feeds are linked."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.urls import reverse

from events.bookings.services import booking as booking_service
from events.bookings.services import links
from tests.events import factories
from tests.events.booking_factories import make_bookable
from tests.interop import readers

pytestmark = pytest.mark.django_db


def feed_url_for(bookable):
    outcome = booking_service.sign_up(bookable.pk, name="Sam", email="sam@example.org")
    booking_service.confirm(outcome.booking.pk)
    return reverse("events:my_feed", args=[links.feed_token(outcome.booking.person)])


def test_the_private_feed_is_named_paced_and_cacheable(client):
    url = feed_url_for(make_bookable(title="Welcome desk"))

    response = client.get(url)
    calendar = icalendar.Calendar.from_ical(response.content)

    assert str(calendar["X-WR-CALNAME"]).endswith("my sign-ups")
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert response["ETag"].startswith('"')
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert "private" in again["Cache-Control"]
    assert readers.icaljs_raw(response.content, *_window())["name"].endswith("my sign-ups")
    for name, reader in readers.READERS.items():
        assert [s.summary for s in reader(response.content, *_window())] == ["Welcome desk"], name


def test_a_new_booking_changes_the_private_feed_etag(client):
    url = feed_url_for(make_bookable(title="Welcome desk"))
    first = client.get(url)["ETag"]
    outcome = booking_service.sign_up(
        make_bookable(title="Tea stall", starts_in=timedelta(days=9)).pk,
        name="Sam",
        email="sam@example.org",
    )
    booking_service.confirm(outcome.booking.pk)

    response = client.get(url, HTTP_IF_NONE_MATCH=first)

    assert response.status_code == 200 and response["ETag"] != first


def _window():
    from django.utils import timezone

    now = timezone.now()
    return now - timedelta(days=1), now + timedelta(days=30)


def test_a_kind_listing_links_the_kind_feed(client):
    index = factories.site_with_index()
    factories.event(
        index,
        title="Walk and talk",
        slug="walk-and-talk",
        kind=factories.kind("Walks", "walks"),
        start_date=date(2027, 5, 1),
        start_time=time(10, 0),
        end_time=time(11, 0),
    )

    html = client.get(index.url + "?kind=walks").content.decode()

    assert '<link rel="alternate" type="text/calendar" href="/calendar/kinds/walks.ics"' in html
    assert '<a href="/calendar/kinds/walks.ics">' in html
    assert client.get("/calendar/kinds/walks.ics").status_code == 200
