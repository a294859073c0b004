"""The demo's meeting feed against the spec check (tests/events/opendata/spec_check.py).

A module of its own: the demo is in the database for the whole module (tests/conftest.py,
``demo_for_module``), and the other feed checks start from an empty one.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.events.opendata.spec_check import feed_problems

pytestmark = pytest.mark.django_db


def test_the_demo_feed_conforms(demo_content, get_feed):
    # The demo is Mental Health Awareness Month 2027: read it as during that month.
    with time_machine.travel(datetime(2027, 5, 1, 9, tzinfo=UTC), tick=False):
        feed = get_feed()

    assert feed_problems(feed) == []
    # Only the weekly Tuesday group: the monthly circle and the one-off coffee morning
    # are not weekly meetings.
    [tuesday] = feed
    assert tuesday["name"] == "Tuesday peer support group"
    assert (tuesday["day"], tuesday["time"], tuesday["end_time"]) == (2, "18:30", "20:00")
    assert tuesday["approximate"] == "yes"
    assert "conference_url" not in tuesday and "address" not in tuesday
    assert tuesday["types"] == ["EN", "O", "ONL", "X", "XB"]
