"""The registrations-over-time chart is for the current or next campaign: none without one
(apart from test_attendees.py, whose May campaign is there for every test)."""

from datetime import UTC, datetime

import pytest

from events.bookings.services import signup_chart
from tests.events import factories

pytestmark = pytest.mark.django_db

# Registration opens weeks before the May campaign's events; "today" is 20 April 2027.
NOW = datetime(2027, 4, 20, 12, 0, tzinfo=UTC)


def test_chart_is_for_the_current_or_next_campaign():
    assert signup_chart.signup_chart(now=NOW) is None
    may = factories.campaign()

    chart = signup_chart.signup_chart(now=NOW)

    assert chart.campaign == may and chart.periods == [] and chart.total == 0
