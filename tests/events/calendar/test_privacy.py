"""'Shared after registration': the private address and join link appear in no public output."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "7 Hidden Court"
SECRET_VENUE = "Larch Meeting Room"
SECRET_LINK = "https://meet.example/secret-room-4471"


@pytest.fixture
def group():
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    room = factories.venue(
        name=SECRET_VENUE,
        address=f"{SECRET_ADDRESS}\nRiverside RV9 9ZZ",
        area="Riverside north",
        latitude="51.611111",
        longitude="-0.233333",
        access_notes="Ring the bell marked Larch.",
    )
    start = timezone.localdate() + timedelta(days=2)
    event = factories.event(
        campaign,
        title="Thursday peer support",
        kind=factories.kind("Support group", "support-group"),
        campaign=campaign,
        venue=room,
        attendance_mode="hybrid",
        join_url=SECRET_LINK,
        address_after_registration=True,
        join_link_after_registration=True,
        start_date=start,
        repeat="WEEKLY",
        repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        repeat_count=3,
        overrides=[{"original_date": start + timedelta(days=7), "venue": room, "note": "Later"}],
    )
    return index, campaign, event


def public_urls(index, campaign, event):
    keys = Occurrence.objects.filter(event=event).values_list("key", flat=True)
    today = timezone.localdate()
    return [
        "/",
        index.url,
        index.url + "past/",
        index.url + f"month/{today.year}/{today.month}/",
        index.url + "?q=support",
        campaign.url,
        event.url,
        *[f"{event.url}occurrences/{key}/" for key in keys],
        "/calendar.ics",
        "/calendar.ics?kind=support-group",
        f"/calendar/campaigns/{campaign.slug}.ics",
        "/calendar/kinds/support-group.ics",
        f"/calendar/events/{event.pk}.ics",
        *[f"/calendar/events/{event.pk}/{key}.ics" for key in keys],
    ]


def test_private_details_appear_in_no_public_page_or_feed(client, group):
    index, campaign, event = group
    secrets = [SECRET_ADDRESS, SECRET_VENUE, SECRET_LINK, "secret-room", "51.61", "Ring the bell"]

    for url in public_urls(index, campaign, event):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, f"{secret!r} leaked in {url}"


def test_public_page_shows_the_area_kind_and_a_calm_note(client, group):
    _index, _campaign, event = group
    html = client.get(event.url).content.decode()

    assert "Riverside north" in html and "Support group" in html
    assert "shared with people who register" in html
    assert "openstreetmap" not in html


def test_jsonld_has_only_the_area(client, group):
    import json
    import re

    _index, _campaign, event = group
    html = client.get(event.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))

    places = data["location"] if isinstance(data["location"], list) else [data["location"]]
    physical = next(p for p in places if p["@type"] == "Place")
    assert physical["address"] == {"@type": "PostalAddress", "addressLocality": "Riverside north"}
    assert "geo" not in physical
    virtual = next(p for p in places if p["@type"] == "VirtualLocation")
    assert virtual["url"] == "http://testserver" + event.url


def test_public_event_shows_full_details_when_not_private(client):
    event = factories.event(
        attendance_mode="hybrid",
        join_url="https://meet.example/open-room",
        start_date=timezone.localdate() + timedelta(days=2),
    )
    html = client.get(event.url).content.decode()

    assert "12 Mill Lane" in html and "https://meet.example/open-room" in html
