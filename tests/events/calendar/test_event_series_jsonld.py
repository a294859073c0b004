"""A repeating group's page tells search engines it is one series: its Event JSON-LD names
a schema.org EventSeries with the schedule the meetings are expanded from."""

import json
import re
from datetime import date, time

import pytest

from tests.events import factories

pytestmark = pytest.mark.django_db


def jsonld_of(response):
    (script,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(script)


def test_a_weekly_group_is_an_event_series_with_its_schedule(client):
    group = factories.event(
        title="Tuesday peer support",
        start_date=date(2027, 3, 2),
        start_time=time(18, 30),
        end_time=time(20, 0),
        time_zone="Europe/London",
        repeat="WEEKLY",
        repeat_weekdays="TU,TH",
        repeat_until=date(2027, 6, 29),
    )

    data = jsonld_of(client.get(group.url))

    series = data["superEvent"]
    assert series["@type"] == "EventSeries"
    assert series["name"] == "Tuesday peer support"
    assert series["url"] == f"http://testserver{group.url}"
    assert series["eventSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "byDay": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
        "startDate": "2027-03-02",
        "endDate": "2027-06-29",
        "startTime": "18:30",
        "endTime": "20:00",
        "scheduleTimezone": "Europe/London",
    }


def test_one_meeting_page_names_the_whole_series(client):
    group = factories.event(
        title="First Monday circle",
        start_date=date(2027, 3, 1),
        repeat="MONTHLY",
        repeat_weekdays="MO",
        repeat_monthly_position=1,
        repeat_count=6,
    )
    occurrence = group.occurrences.order_by("start")[1]

    data = jsonld_of(client.get(group.get_occurrence_url(occurrence)))

    assert data["url"].endswith(f"occurrences/{occurrence.key}/")
    schedule = data["superEvent"]["eventSchedule"]
    assert data["superEvent"]["url"] == f"http://testserver{group.url}"
    assert schedule["repeatFrequency"] == "P1M"
    assert schedule["byMonthWeek"] == 1
    assert schedule["byDay"] == "https://schema.org/Monday"
    assert schedule["repeatCount"] == 6


def test_a_one_off_event_is_not_a_series(client):
    one_off = factories.event(title="Spring open day")

    assert "superEvent" not in jsonld_of(client.get(one_off.url))
