"""The meeting feed against a check written from the Meeting Guide spec's field list."""

from datetime import date

import pytest

from tests.events import factories
from tests.events.opendata.conftest import support_group
from tests.events.opendata.spec_check import feed_problems

pytestmark = pytest.mark.django_db


def test_edge_cases_conform(get_feed):
    hall = factories.venue(address="4 Orchard Row\nNorthbank\nRV3 7QT", area="Northbank")
    join = "https://meet.example/room"
    support_group(slug="dst", start_date=date(2027, 1, 5), repeat_until=date(2027, 7, 27))
    support_group(slug="postponed", status="postponed", status_reason="Hall repairs.")
    support_group(slug="cancelled", status="cancelled", status_reason="Closed.")
    support_group(slug="private", venue=hall, address_after_registration=True)
    support_group(slug="online", attendance_mode="online", join_url=join, venue=None)
    support_group(
        slug="online-private",
        attendance_mode="online",
        join_url=join,
        join_link_after_registration=True,
        venue=None,
    )
    support_group(slug="hybrid", attendance_mode="hybrid", join_url=join, venue=hall)
    support_group(
        slug="spanish", language="Español", repeat_weekdays="MO,WE,FR", start_date=date(2027, 3, 15)
    )

    feed = get_feed()

    assert feed_problems(feed) == []
    assert len(feed) == 6 + 3  # the cancelled group is left out; Spanish meets 3 days
    assert sum("S" in entry["types"] for entry in feed) == 3


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"slug": "a"}, "name is required"),
        ({"name": "A", "slug": "a b"}, "not URL-safe"),
        ({"name": "A", "slug": "a", "day": 7, "time": "18:30"}, "day 7"),
        ({"name": "A", "slug": "a", "day": 1, "time": "6:30pm"}, "not HH:MM"),
        ({"name": "A", "slug": "a", "types": ["ZZ"]}, "type 'ZZ'"),
        ({"name": "A", "slug": "a", "types": ["D-HOH"]}, "type 'D-HOH'"),
        ({"name": "A", "slug": "a", "approximate": True}, "approximate"),
        ({"name": "A", "slug": "a", "url": "/meetings/a/"}, "not an absolute URL"),
        ({"name": "A", "slug": "a", "notes": "<p>Hi</p>"}, "markup"),
        ({"name": "A", "slug": "a", "updated": "2027-05-01T10:00:00Z"}, "updated"),
        ({"name": "A", "slug": "a", "timezone": "BST"}, "timezone"),
    ],
)
def test_the_check_catches_what_the_spec_forbids(entry, problem):
    problems = feed_problems([entry])

    assert any(problem in text for text in problems), problems
