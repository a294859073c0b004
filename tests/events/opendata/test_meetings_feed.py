"""/meetings.json: which support groups it lists, and how a series becomes entries."""

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from events.calendar.models import Occurrence
from tests.events import factories
from tests.events.opendata.conftest import support_group

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_a_weekly_group_is_one_entry_with_local_times(get_feed):
    group = support_group()

    [entry] = get_feed()

    assert entry["name"] == "Tuesday peer support group"
    assert entry["slug"] == f"{group.pk}-tuesday"
    assert entry["day"] == 2
    assert (entry["time"], entry["end_time"]) == ("18:30", "20:00")
    assert entry["timezone"] == "Europe/London"
    assert entry["url"].startswith("http") and entry["url"].endswith(f"/{group.slug}/")
    assert entry["group"] == group.title
    assert entry["notes"] == group.summary


def test_several_weekdays_give_one_entry_each_with_distinct_slugs(get_feed):
    group = support_group(repeat_weekdays="MO,TH,SU", start_date=date(2027, 3, 15))

    entries = get_feed()

    assert [entry["day"] for entry in entries] == [0, 1, 4]
    assert [entry["slug"] for entry in entries] == [
        f"{group.pk}-sunday",
        f"{group.pk}-monday",
        f"{group.pk}-thursday",
    ]


def test_the_slug_survives_a_new_title_and_page_slug(get_feed):
    group = support_group()
    before = get_feed()[0]["slug"]

    factories.republish(group, title="Tuesday evening group", slug="tuesday-evening")

    assert get_feed()[0]["slug"] == before


def test_a_daily_group_meets_on_every_day(get_feed):
    support_group(repeat="DAILY", repeat_weekdays="")

    assert sorted(entry["day"] for entry in get_feed()) == list(range(7))


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"repeat": "", "repeat_until": None}, id="one-off"),
        pytest.param(
            {"repeat": "MONTHLY", "repeat_monthly_position": 1, "start_date": date(2027, 3, 2)},
            id="monthly",
        ),
        pytest.param({"repeat_interval": 2}, id="every-other-week"),
    ],
)
def test_groups_that_do_not_meet_weekly_are_left_out(get_feed, fields):
    """The spec lists weekly meetings only."""
    support_group(**fields)

    assert get_feed() == []


def test_other_kinds_unpublished_and_finished_series_are_left_out(get_feed):
    support_group(kind=factories.kind("Workshop"))
    support_group(publish=False, slug="draft-group")
    support_group(slug="finished", start_date=date(2020, 3, 3), repeat_until=date(2020, 6, 30))

    assert get_feed() == []


def test_a_cancelled_series_is_left_out_and_a_postponed_one_is_marked_tc(get_feed):
    support_group(slug="gone", status="cancelled", status_reason="The group has closed.")
    paused = support_group(
        slug="paused",
        title="Paused group",
        status="postponed",
        status_reason="The hall is closed for repairs.",
        attendance_mode="hybrid",
        join_url="https://meet.example/paused",
    )

    [entry] = get_feed()

    assert entry["slug"].startswith(f"{paused.pk}-")
    assert "TC" in entry["types"]
    assert entry["notes"].startswith("The hall is closed for repairs.")
    # A paused group must not look like an active online one.
    assert "conference_url" not in entry


def test_dst_an_1830_london_meeting_stays_1830_in_winter_and_summer(get_feed):
    group = support_group(start_date=date(2027, 1, 5), repeat_until=date(2027, 7, 27))

    [entry] = get_feed()

    starts = {
        occurrence.start.astimezone(LONDON).time()
        for occurrence in Occurrence.objects.filter(event=group)
    }
    january = Occurrence.objects.get(event=group, key="2027-01-05")
    july = Occurrence.objects.get(event=group, key="2027-07-06")
    assert january.start.utcoffset() != july.start.astimezone(LONDON).utcoffset()
    assert starts == {time(18, 30)}
    assert entry["time"] == "18:30"
    assert entry["timezone"] == "Europe/London"


def test_notes_are_plain_text(get_feed):
    support_group(summary="Come <b>as you are</b>.\n\nTea   after.")

    assert get_feed()[0]["notes"] == "Come as you are. Tea after."
