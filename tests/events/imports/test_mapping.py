"""A source series onto event page values: the source's rule kept as it is, EXDATEs as skipped
dates, RECURRENCE-ID instances as changed meetings, cancelled ones kept and marked."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from events.calendar.models.choices import EventStatus, RepeatFrequency
from events.calendar.models.event_page_form import EventPageForm
from events.imports.services.mapping import MappingError, page_values
from events.imports.services.parsing import parse_feed
from events.models import EventPage, Occurrence
from tests.events import factories
from tests.events.imports.importing import make_pages, read, series
from tests.support.demo_once import fresh, module_rows

LONDON = ZoneInfo("Europe/London")


def mapped(name, uid):
    calendar = read(name)
    master, overrides = next(item for item in series(calendar) if item[0].uid == uid)
    return page_values(master, overrides)


def test_google_series_keeps_its_rule_and_maps_exceptions_and_changes():
    values = mapped("google_calendar.ics", "4k2r0b1u9v7q3mh1s7d4o3c2pl@google.com")
    fields = values.fields
    assert fields["repeat"] == RepeatFrequency.SOURCE
    assert fields["repeat_source_rule"] == "FREQ=WEEKLY;UNTIL=20261229T235959Z;BYDAY=TU"
    assert (fields["start_date"], fields["start_time"]) == (date(2026, 1, 13), time(18, 30))
    assert (fields["end_date"], fields["end_time"]) == (None, time(20, 0))
    assert fields["time_zone"] == "Europe/London"
    assert values.exceptions == (date(2026, 4, 7), date(2026, 12, 22))
    moved, cancelled = values.overrides
    assert moved["original_date"] == date(2026, 3, 24)
    assert (moved["new_start_time"], moved["new_end_time"]) == (time(19, 0), None)
    assert moved["cancelled"] is False
    assert cancelled == {
        "original_date": date(2026, 10, 27),
        "cancelled": True,
        "new_date": None,
        "new_start_time": None,
        "new_end_time": None,
        "new_end_date": None,
        "note": "",
    }


def test_outlook_meeting_moved_to_the_next_day():
    values = mapped(
        "outlook_exchange.ics",
        "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F501000000000000000010000000F1E2D3C4B5A69788",
    )
    (moved,) = values.overrides
    assert moved["original_date"] == date(2026, 3, 5)
    assert moved["new_date"] == date(2026, 3, 6)
    assert moved["new_start_time"] == time(12, 30)


def test_all_day_multi_day_end_date_is_inclusive():
    values = mapped("apple_calendar.ics", "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9")
    assert values.fields["all_day"] is True
    assert (values.fields["start_date"], values.fields["end_date"]) == (
        date(2026, 5, 4),
        date(2026, 5, 8),
    )
    assert values.fields["repeat"] == RepeatFrequency.NONE


def test_rdates_and_an_off_rule_start_are_listed_as_extra_dates():
    apple = mapped("apple_calendar.ics", "5B2E7C1A-8F3D-4E6B-9A0C-1D2E3F4A5B6C")
    assert apple.fields["repeat_source_dates"] == "2026-05-20T10:30:00\n2026-08-12T10:30:00"
    off = mapped("rules_wide.ics", "off-rule-start@rules.example")
    assert off.fields["repeat_source_dates"] == "2026-02-03T10:00:00"


def test_an_override_for_a_date_outside_the_rule_adds_that_date():
    values = mapped("rules_wide.ics", "moves@rules.example")
    assert "2026-10-29T18:00:00" in values.fields["repeat_source_dates"].split()
    assert [item["original_date"] for item in values.overrides] == [
        date(2026, 9, 15),
        date(2026, 10, 29),
    ]


def test_cancelled_source_event_is_a_cancelled_page_with_a_reason():
    values = mapped("hand_cancelled_sequence.ics", "whole-c@hand.example")
    assert values.fields["status"] == EventStatus.CANCELLED
    assert values.fields["status_reason"]


def test_description_details_are_never_promoted_to_structured_fields():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:p@x\r\n"
        b"DTSTART:20260901T100000Z\r\nDTEND:20260901T110000Z\r\nSUMMARY:Peer group\r\n"
        b"DESCRIPTION:Ring 07700 900123 or mail sam@example.org\\, join https://meet.example/x"
        b"\\, 4 Hidden Way LS1 1AA\r\nLOCATION:Somewhere\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    master = parse_feed(data, default_time_zone="Europe/London").events[0]
    values = page_values(master, [])
    structured = {key: value for key, value in values.fields.items() if key != "summary"}
    for value in structured.values():
        for secret in ("07700", "sam@example.org", "meet.example", "Hidden Way"):
            assert secret not in str(value)
    for name in ("join_url", "venue", "registration_notes", "cost", "attendance_mode"):
        assert name not in values.fields


def test_several_meetings_a_day_are_refused():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:twice@x\r\n"
        b"DTSTART;TZID=Europe/London:20260901T090000\r\nDURATION:PT1H\r\n"
        b"RRULE:FREQ=DAILY;BYHOUR=9,17;COUNT=4\r\nSUMMARY:Twice a day\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    master = parse_feed(data, default_time_zone="Europe/London").events[0]
    with pytest.raises(MappingError):
        page_values(master, [])


def _import_rules_wide():
    return {master.uid: page for master, page in make_pages(read("rules_wide.ics"))}


# The pages of rules_wide.ics (one per series), imported once for the module's two database
# tests; each reads its own copies and its edits are undone.
rules_wide_rows = module_rows(_import_rules_wide)


@pytest.fixture
def rules_wide(rules_wide_rows, db):
    """{uid: page} for every series of rules_wide.ics, made the way an import would."""
    return fresh(rules_wide_rows)


@pytest.mark.django_db
def test_saving_an_imported_page_keeps_the_source_rule(rules_wide):
    page = rules_wide["setpos@rules.example"]
    assert page.rrule == "FREQ=MONTHLY;COUNT=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    page.title = "Renamed"
    page.save_revision().publish()
    page = EventPage.objects.get(pk=page.pk)
    assert page.rrule == "FREQ=MONTHLY;COUNT=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    starts = [row.start.astimezone(LONDON) for row in Occurrence.objects.filter(event=page)]
    assert starts[:3] == [
        datetime(2026, 1, 30, 17, 0, tzinfo=LONDON),
        datetime(2026, 2, 27, 17, 0, tzinfo=LONDON),
        datetime(2026, 3, 31, 17, 0, tzinfo=LONDON),
    ]


@pytest.mark.django_db
def test_admin_form_locks_the_repeat_of_imported_pages_only(rules_wide):
    imported = rules_wide["monthday@rules.example"]
    form_class = EventPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, EventPageForm)
    locked = form_class(instance=imported, for_user=None)
    assert locked.fields["repeat"].disabled and locked.fields["repeat_until"].disabled
    ordinary = form_class(instance=factories.event(slug="ordinary"), for_user=None)
    assert not ordinary.fields["repeat"].disabled
    assert RepeatFrequency.SOURCE not in [value for value, _ in ordinary.fields["repeat"].choices]


def test_date_until_on_a_timed_rule_ends_at_the_start_of_that_day():
    values = mapped("hand_rule_quirks.ics", "until-date@quirks.example")
    # 2026-06-29 00:00 BST: the meeting at 18:00 that day is not included.
    assert values.fields["repeat_source_rule"] == "FREQ=WEEKLY;UNTIL=20260628T230000Z"


def test_a_timed_exdate_that_matches_no_meeting_skips_nothing():
    values = mapped("hand_rule_quirks.ics", "exdate-utc@quirks.example")
    assert values.exceptions == ()
    assert values.problems == ("EXDATE 2026-03-12T20:00:00-04:00 matches no meeting; ignored.",)


def test_group_series_pairs_instances_with_their_master_and_keeps_orphans():
    calendar = read("hand_rule_quirks.ics")
    grouped = {master.uid: overrides for master, overrides in series(calendar)}
    assert grouped["orphan@quirks.example"] == []
    google = {master.uid: overrides for master, overrides in series(read("google_calendar.ics"))}
    assert len(google["4k2r0b1u9v7q3mh1s7d4o3c2pl@google.com"]) == 2
    assert len(google) == 4


def test_changed_meetings_that_end_on_another_day_keep_their_end():
    late = mapped("overrides_wide.ics", "late@over.example")
    past_midnight = late.overrides[0]
    assert past_midnight["new_start_time"] == time(22, 30)
    assert (past_midnight["new_end_date"], past_midnight["new_end_time"]) == (
        date(2026, 6, 17),
        time(1, 0),
    )
    open_day = mapped("overrides_wide.ics", "camp@over.example").overrides[0]
    assert (open_day["new_date"], open_day["new_end_date"]) == (date(2026, 8, 5), date(2026, 8, 6))
