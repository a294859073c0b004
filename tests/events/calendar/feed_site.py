"""The small calendar the feed tests (here and in tests/interop) read: a campaign, a weekly
group with a skipped and a moved meeting, and a one-off event."""

from datetime import date, time

import pytest

from tests.events import factories
from tests.support.demo_once import fresh, module_rows


def _build():
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    hall = factories.venue(name="Alder Room", area="Northbank", address="1 Alder Way")
    group = factories.event(
        campaign,
        title="Tuesday peer support",
        slug="tuesday-peer-support",
        kind=factories.kind("Support group", "support-group"),
        campaign=campaign,
        start_date=date(2027, 3, 16),
        start_time=time(18, 30),
        end_time=time(20, 0),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_until=date(2028, 6, 27),
        exceptions=[date(2027, 3, 30)],
        overrides=[
            {"original_date": date(2027, 4, 6), "cancelled": True, "note": "Easter"},
            {
                "original_date": date(2027, 4, 13),
                "new_date": date(2027, 4, 14),
                "new_start_time": time(19, 0),
                "venue": hall,
                "note": "Wednesday this week",
            },
        ],
    )
    webinar = factories.event(
        campaign,
        title="Sleep webinar",
        slug="sleep-webinar",
        campaign=campaign,
        attendance_mode="online",
        join_url="https://meet.example/sleep",
        time_zone="America/Toronto",
        start_date=date(2027, 5, 12),
        start_time=time(13, 0),
        end_time=time(14, 0),
    )
    stall = factories.event(
        index,
        title="Market stall",
        slug="market-stall",
        all_day=True,
        start_time=None,
        end_time=None,
        start_date=date(2027, 5, 15),
    )
    return {
        "index": index,
        "campaign": campaign,
        "group": group,
        "webinar": webinar,
        "stall": stall,
    }


# Seven published pages cost seconds: built once per module, read anew for each test.
site_rows = module_rows(_build)


@pytest.fixture
def site(site_rows, db):
    return fresh(site_rows)
