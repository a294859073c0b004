"""The meeting feed goes through the public gate: nothing registration keeps private leaks."""

import pytest
from wagtail.models import PageViewRestriction

from events.calendar.services.public import PRIVATE_LINK_NOTE
from tests.events import factories
from tests.events.opendata.conftest import support_group

pytestmark = pytest.mark.django_db
JOIN = "https://meet.example/secret-room-4821"
ADDRESS_FIELDS = {"location", "address", "city", "postal_code", "latitude", "longitude"}


def fernside():
    return factories.venue(
        name="Fernside Centre, Larch Room",
        address="4 Orchard Row\nNorthbank\nRV3 7QT",
        area="Northbank",
        latitude="51.497640",
        longitude="-0.287410",
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        access_notes="Lift to the first floor.",
    )


def test_a_public_address_is_published_in_full(get_feed):
    support_group(venue=fernside())

    [entry] = get_feed()

    assert entry["location"] == "Fernside Centre, Larch Room"
    assert entry["address"] == "4 Orchard Row"
    assert (entry["city"], entry["postal_code"]) == ("Northbank", "RV3 7QT")
    assert (entry["latitude"], entry["longitude"]) == (51.49764, -0.28741)
    assert entry["approximate"] == "no"
    assert {"X", "XB"} <= set(entry["types"])
    assert entry["location_notes"] == "Access: Hearing loop. Lift to the first floor."


def test_address_after_registration_publishes_only_the_area(client, get_feed):
    group = support_group(venue=fernside(), address_after_registration=True)

    [entry] = get_feed()

    assert ADDRESS_FIELDS.isdisjoint(entry)
    assert entry["approximate"] == "yes"
    assert entry["formatted_address"] == entry["region"] == "Northbank"
    # The registration page is the way in.
    assert entry["url"].endswith(f"/{group.slug}/")
    # Access features help people decide; they reveal no place. The notes do not.
    assert {"X", "XB"} <= set(entry["types"])
    assert entry["location_notes"] == "Access: Hearing loop."
    body = client.get("/meetings.json").content.decode()
    for secret in ("Orchard Row", "RV3 7QT", "Fernside", "51.49", "Lift to the first"):
        assert secret not in body


def test_a_hybrid_group_with_a_private_link_has_no_conference_url(client, get_feed):
    support_group(
        venue=fernside(),
        attendance_mode="hybrid",
        join_url=JOIN,
        address_after_registration=True,
        join_link_after_registration=True,
    )

    [entry] = get_feed()

    assert "ONL" in entry["types"]
    assert "conference_url" not in entry
    assert entry["conference_url_notes"] == PRIVATE_LINK_NOTE
    assert entry["approximate"] == "yes"
    assert JOIN not in client.get("/meetings.json").content.decode()


def test_a_hybrid_group_with_public_place_and_link_has_both(get_feed):
    support_group(venue=fernside(), attendance_mode="hybrid", join_url=JOIN)

    [entry] = get_feed()

    assert "ONL" in entry["types"]
    assert entry["conference_url"] == JOIN
    assert entry["address"] == "4 Orchard Row"
    assert entry["approximate"] == "no"


def test_an_online_only_group_publishes_its_link_only_when_public(get_feed):
    open_group = support_group(attendance_mode="online", join_url=JOIN)
    closed_group = support_group(
        slug="closed-link",
        attendance_mode="online",
        join_url=JOIN + "-2",
        join_link_after_registration=True,
    )

    entries = {entry["slug"].split("-")[0]: entry for entry in get_feed()}

    public, private = entries[str(open_group.pk)], entries[str(closed_group.pk)]
    assert "ONL" in public["types"] and "ONL" in private["types"]
    assert public["conference_url"] == JOIN
    assert "conference_url" not in private
    # No venue: no place at all, rather than a guessed one.
    assert ADDRESS_FIELDS.isdisjoint(public) and "approximate" not in public


def test_a_page_with_a_view_restriction_is_left_out(get_feed):
    group = support_group()
    PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.PASSWORD, password="x" * 12
    )

    assert get_feed() == []
