"""'Shared after registration': the private address and join link appear in no public output."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Occurrence
from tests.events import factories
from tests.events.private_group import SECRETS, private_support_group
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_group():
    return private_support_group(with_changed_meeting=True)


# The private group (index, campaign, event), built once for the module: each test reads
# its own copies.
group_rows = module_rows(_build_group)


@pytest.fixture
def group(group_rows, db):
    return fresh(group_rows)


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
    secrets = SECRETS

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
