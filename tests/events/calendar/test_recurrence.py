"""Recurrence rules: building RRULEs from the friendly form and expanding them."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from events.calendar import recurrence
from events.calendar.recurrence import FriendlyRule, RecurrenceError

LONDON = ZoneInfo("Europe/London")
TORONTO = ZoneInfo("America/Toronto")


def rule(**kwargs):
    return recurrence.build_rrule(FriendlyRule(**kwargs), start_date=date(2027, 3, 2), zone=LONDON)


def test_no_repeat_gives_no_rule():
    assert rule(frequency="") == ""


def test_weekly_on_tuesdays_until_a_date_stores_until_in_utc():
    text = rule(frequency="WEEKLY", weekdays=("TU",), until=date(2027, 6, 29))

    assert "FREQ=WEEKLY" in text and "BYDAY=TU" in text
    # 29 June 23:59:59 in London (BST, UTC+1) is 22:59:59 UTC.
    assert "UNTIL=20270629T225959Z" in text


def test_first_monday_monthly():
    text = recurrence.build_rrule(
        FriendlyRule(frequency="MONTHLY", weekdays=("MO",), monthly_position=1, count=6),
        start_date=date(2027, 5, 3),
        zone=LONDON,
    )
    starts = recurrence.expand(text, datetime(2027, 5, 3, 19, 0), LONDON)

    assert "BYDAY=1MO" in text and "COUNT=6" in text
    assert [s.date() for s in starts] == [
        date(2027, 5, 3),
        date(2027, 6, 7),
        date(2027, 7, 5),
        date(2027, 8, 2),
        date(2027, 9, 6),
        date(2027, 10, 4),
    ]


def test_last_friday_and_every_other_week():
    last_friday = recurrence.build_rrule(
        FriendlyRule(frequency="MONTHLY", weekdays=("FR",), monthly_position=-1, count=2),
        start_date=date(2027, 5, 28),
        zone=LONDON,
    )
    fortnightly = rule(frequency="WEEKLY", interval=2, weekdays=("TU",), count=3)

    fridays = recurrence.expand(last_friday, datetime(2027, 5, 28, 10), LONDON)
    assert [s.date() for s in fridays] == [
        date(2027, 5, 28),
        date(2027, 6, 25),
    ]
    tuesdays = recurrence.expand(fortnightly, datetime(2027, 3, 2, 10), LONDON)
    assert [s.date() for s in tuesdays] == [
        date(2027, 3, 2),
        date(2027, 3, 16),
        date(2027, 3, 30),
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"frequency": "WEEKLY", "until": date(2027, 6, 1), "count": 3}, "repeat_count"),
        ({"frequency": "WEEKLY", "until": date(2027, 1, 1)}, "repeat_until"),
        ({"frequency": "WEEKLY", "interval": 0}, "repeat_interval"),
        (
            {"frequency": "MONTHLY", "monthly_position": 1, "weekdays": ("MO", "TU")},
            "repeat_weekdays",
        ),
        (
            {"frequency": "WEEKLY", "monthly_position": 1, "weekdays": ("MO",)},
            "repeat_monthly_position",
        ),
    ],
)
def test_contradictory_forms_are_refused_with_the_field_to_fix(kwargs, field):
    with pytest.raises(RecurrenceError) as error:
        rule(**kwargs)
    assert error.value.field == field


def test_weekly_meeting_keeps_its_local_time_across_both_dst_changes():
    # London: clocks go forward on 28 March 2027 and back on 31 October 2027.
    text = rule(frequency="WEEKLY", weekdays=("TU",), until=date(2027, 11, 9))
    starts = recurrence.expand(text, datetime(2027, 3, 16, 18, 30), LONDON)
    aware = [recurrence.localise(s, LONDON) for s in starts]

    assert all((a.hour, a.minute) == (18, 30) for a in aware)
    utc_hours = {a.date(): a.astimezone(UTC).hour for a in aware}
    assert utc_hours[date(2027, 3, 23)] == 18  # GMT
    assert utc_hours[date(2027, 3, 30)] == 17  # BST
    assert utc_hours[date(2027, 10, 26)] == 17  # still BST
    assert utc_hours[date(2027, 11, 2)] == 18  # GMT again
    assert starts[-1].date() == date(2027, 11, 9)


def test_other_zones_change_on_their_own_dates():
    # Toronto moves its clocks on 14 March 2027, two weeks before London.
    text = recurrence.build_rrule(
        FriendlyRule(frequency="WEEKLY", weekdays=("TH",), count=3),
        start_date=date(2027, 3, 4),
        zone=TORONTO,
    )
    aware = [
        recurrence.localise(s, TORONTO)
        for s in recurrence.expand(text, datetime(2027, 3, 4, 19, 0), TORONTO)
    ]

    assert [a.astimezone(UTC).hour for a in aware] == [0, 0, 23]
    assert all(a.hour == 19 for a in aware)


def test_exception_dates_are_skipped():
    text = rule(frequency="WEEKLY", weekdays=("TU",), count=4)
    starts = recurrence.expand(
        text, datetime(2027, 3, 2, 18, 30), LONDON, exdates={date(2027, 3, 9)}
    )

    assert [s.date() for s in starts] == [date(2027, 3, 2), date(2027, 3, 16), date(2027, 3, 23)]


def test_infinite_rules_stop_at_the_window_and_the_cap():
    text = rule(frequency="DAILY")
    window_end = datetime(2027, 3, 11, tzinfo=UTC)

    by_window = recurrence.expand(text, datetime(2027, 3, 2, 9), LONDON, window_end=window_end)
    by_cap = recurrence.expand(text, datetime(2027, 3, 2, 9), LONDON, cap=5)

    assert len(by_window) == 9
    assert len(by_cap) == 5


def test_all_day_rules_use_date_until():
    text = recurrence.build_rrule(
        FriendlyRule(frequency="WEEKLY", weekdays=("SA",), until=date(2027, 5, 22)),
        start_date=date(2027, 5, 1),
        zone=LONDON,
        all_day=True,
    )
    starts = recurrence.expand(text, datetime(2027, 5, 1), LONDON)

    assert "UNTIL=20270522" in text and "T" not in text.split("UNTIL=")[1].split(";")[0]
    assert [s.date() for s in starts][-1] == date(2027, 5, 22)
    assert len(starts) == 4


def test_start_date_must_match_the_rule():
    text = rule(frequency="WEEKLY", weekdays=("TU",), count=3)

    with pytest.raises(RecurrenceError) as error:
        recurrence.check_first_occurrence(text, datetime(2027, 3, 3, 18, 30), LONDON)
    assert error.value.field == "start_date"
    recurrence.check_first_occurrence(text, datetime(2027, 3, 2, 18, 30), LONDON)


def test_a_time_inside_the_spring_gap_is_read_with_the_offset_before_it():
    # 01:30 does not exist in London on 28 March 2027; RFC 5545 says use the old offset.
    value = recurrence.localise(datetime(2027, 3, 28, 1, 30), LONDON)

    assert value.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert value + timedelta(0) == value
