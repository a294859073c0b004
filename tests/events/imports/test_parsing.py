"""Reading what real producers write. Each corpus file (tests/events/imports/corpus) is an
original file modelled on one producer:

- google_calendar.ics: Google Calendar (X-WR-TIMEZONE, VTIMEZONE, RRULE+UNTIL with EXDATE, a
  moved instance and a cancelled one via RECURRENCE-ID, UTC single event, HTML DESCRIPTION);
- outlook_exchange.ics: Outlook/Exchange (TZID "GMT Standard Time" and "Pacific Standard
  Time" with their own VTIMEZONE, X-MICROSOFT-CDO-*, X-ALT-DESC HTML, all-day DATE with
  X-MICROSOFT-CDO-ALLDAYEVENT, a folded UID, a meeting moved to the next day);
- apple_calendar.ics: Apple Calendar (TZID=Europe/London with full VTIMEZONE, RDATE list,
  a multi-day all-day event, a javascript: URL, a daily run over the spring clock change);
- meetup.ics: Meetup (UTC times, STATUS incl. CANCELLED and TENTATIVE, URL, across midnight);
- eventbrite.ics: Eventbrite (America/New_York, folded URL, an overnight shift over the
  autumn clock change);
- hand_*.ics: hand-edited files (missing VTIMEZONE, unknown TZID, Windows name without
  VTIMEZONE, floating times with and without X-WR-TIMEZONE, DURATION, no DTEND, bare LF,
  folds with tabs and inside a UTF-8 character, bad UTF-8, no UID, STATUS:CANCELLED with
  SEQUENCE, a custom VTIMEZONE name);
- rules_wide.ics: rules the friendly fields cannot hold (BYSETPOS, yearly, COUNT+EXDATE over
  a US clock change, several positioned BYDAY, BYMONTHDAY=-1, a DTSTART off its rule,
  overrides moved to another day and for a date outside the rule, RDATE only).
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from events.imports.services.parsing import FeedError, parse_feed
from tests.events.imports.importing import CORPUS, corpus_files, read

LONDON = ZoneInfo("Europe/London")


def by_uid(calendar, uid, recurrence_id=None):
    return next(
        event
        for event in calendar.events
        if event.uid == uid and event.recurrence_id == recurrence_id
    )


def test_every_corpus_file_parses_with_aware_times_in_a_real_zone():
    for path in corpus_files():
        calendar = read(path.name)
        assert calendar.events, path.name
        for event in calendar.events:
            ZoneInfo(event.time_zone)
            assert event.uid and event.fingerprint
            if event.all_day:
                assert type(event.start) is date and type(event.end) is date
            else:
                assert event.start.tzinfo is not None and event.end.tzinfo is not None
                assert str(event.start.tzinfo) == event.time_zone
            assert event.end >= event.start


def test_google_calendar_series_with_exdates_and_moved_instance():
    calendar = read("google_calendar.ics")
    assert calendar.name == "Riverside Peer Support"
    assert calendar.time_zone == "Europe/London"
    uid = "4k2r0b1u9v7q3mh1s7d4o3c2pl@google.com"
    master = by_uid(calendar, uid)
    assert master.rrule == "FREQ=WEEKLY;UNTIL=20261229T235959Z;BYDAY=TU"
    assert master.start == datetime(2026, 1, 13, 18, 30, tzinfo=LONDON)
    assert master.exdates == (
        datetime(2026, 4, 7, 18, 30, tzinfo=LONDON),
        datetime(2026, 12, 22, 18, 30, tzinfo=LONDON),
    )
    assert master.sequence == 2
    assert master.last_modified == datetime(2025, 12, 15, 9, 30, tzinfo=UTC)
    moved = by_uid(calendar, uid, datetime(2026, 3, 24, 18, 30, tzinfo=UTC))
    assert moved.start == datetime(2026, 3, 24, 19, 0, tzinfo=LONDON)
    cancelled = by_uid(calendar, uid, datetime(2026, 10, 27, 18, 30, tzinfo=UTC))
    assert cancelled.status == "CANCELLED"


def test_google_utc_single_event_is_shown_in_the_calendar_zone():
    fair = by_uid(read("google_calendar.ics"), "7fq1m3c0l2p9s8k4h6j2n5b7vd@google.com")
    assert fair.time_zone == "Europe/London"
    assert fair.start == datetime(2026, 5, 16, 10, 0, tzinfo=LONDON)  # 09:00Z in BST


def test_outlook_windows_zone_names_become_iana_names():
    calendar = read("outlook_exchange.ics")
    drop_in, course, call = (event for event in calendar.events if event.recurrence_id is None)
    assert drop_in.time_zone == "Europe/London"
    assert drop_in.uid.startswith("040000008200E000") and " " not in drop_in.uid
    assert call.time_zone == "America/Los_Angeles"
    assert call.start == datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert course.all_day and (course.start, course.end) == (date(2026, 5, 11), date(2026, 5, 14))


def test_outlook_html_description_is_plain_text():
    drop_in = read("outlook_exchange.ics").events[0]
    assert drop_in.description == "Fortnightly drop-in for council staff and partners."


def test_apple_rdates_and_multi_day_all_day():
    calendar = read("apple_calendar.ics")
    reading = by_uid(calendar, "5B2E7C1A-8F3D-4E6B-9A0C-1D2E3F4A5B6C")
    assert reading.rdates == (
        datetime(2026, 5, 20, 10, 30, tzinfo=LONDON),
        datetime(2026, 8, 12, 10, 30, tzinfo=LONDON),
    )
    assert reading.url == "https://library.example.org/reading"
    assert reading.location == "Central Library Calverley Street"
    festival = by_uid(calendar, "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9")
    assert festival.all_day and festival.end - festival.start == timedelta(days=5)
    assert festival.url == ""  # javascript: is never a link


def test_meetup_statuses_and_urls():
    calendar = read("meetup.ics")
    assert [event.status for event in calendar.events] == ["CONFIRMED", "CANCELLED", "TENTATIVE"]
    assert calendar.events[0].url.startswith("https://www.meetup.example/")
    assert "5 km walk" in calendar.events[0].description


def test_missing_vtimezone_unknown_zone_and_windows_name():
    calendar = read("hand_missing_vtimezone.ics")
    paris, hall, windows = calendar.events
    assert paris.time_zone == "Europe/Paris"
    assert windows.time_zone == "Europe/Berlin"
    # An unknown TZID with no VTIMEZONE is read as floating, in the calendar's zone.
    assert hall.time_zone == "Europe/London"
    assert hall.start == datetime(2026, 4, 15, 14, 0, tzinfo=LONDON)
    assert any("hall-1@hand.example: floating" in problem for problem in calendar.problems)


def test_floating_times_use_the_calendar_zone_or_the_default():
    assert read("hand_floating.ics", "Europe/Dublin").events[0].time_zone == "Europe/Dublin"
    chicago = read("hand_floating_with_calendar_zone.ics", "Europe/Dublin").events[0]
    assert chicago.time_zone == "America/Chicago"
    assert chicago.end - chicago.start == timedelta(hours=2)  # DURATION


def test_custom_vtimezone_name_is_matched_to_the_iana_zone():
    event = read("hand_custom_vtimezone.ics").events[0]
    assert event.time_zone == "Europe/Berlin"
    assert event.start.utcoffset() == timedelta(hours=1)


def test_duration_and_the_rfc_defaults_for_a_missing_end():
    calendar = read("hand_duration_and_no_end.ics")
    ends = {event.uid: event.end - event.start for event in calendar.events}
    assert ends["dur-1@hand.example"] == timedelta(hours=1, minutes=30)
    assert ends["dur-2@hand.example"] == timedelta(days=3)
    assert ends["dur-3@hand.example"] == timedelta(0)
    assert ends["dur-4@hand.example"] == timedelta(days=1)


def test_bare_lf_and_folds_inside_a_character():
    event = read("hand_bare_lf_folded.ics").events[0]
    assert event.summary.startswith("A very long title that somebody wrote by hand and folded")
    assert "with a comma; a semicolon" in event.summary
    assert event.description == "Caf\u00e9 and cr\u00e8me br\u00fbl\u00e9e afterwards."


def test_bad_utf8_is_replaced_and_noted():
    calendar = read("hand_bad_utf8.ics")
    assert calendar.events[0].summary == "Caf\ufffd talk"
    assert calendar.problems == ("The file is not valid UTF-8; unreadable bytes were replaced.",)


def test_missing_uid_gets_a_stable_derived_one():
    first, second = read("hand_no_uid.ics").events
    assert first.uid.startswith("derived-") and first.uid != second.uid
    assert read("hand_no_uid.ics").events[0].uid == first.uid
    assert any("has no UID" in problem for problem in read("hand_no_uid.ics").problems)


def test_cancelled_status_and_sequence():
    calendar = read("hand_cancelled_sequence.ics")
    master = by_uid(calendar, "series-c@hand.example")
    instance = by_uid(calendar, "series-c@hand.example", datetime(2026, 5, 20, 16, 0, tzinfo=UTC))
    assert (master.sequence, instance.sequence) == (4, 5)
    assert instance.status == "CANCELLED"
    assert by_uid(calendar, "whole-c@hand.example").status == "CANCELLED"


def test_fingerprint_is_stable_and_ignores_property_order():
    source = (CORPUS / "hand_cancelled_sequence.ics").read_bytes()
    lines = source.split(b"\r\n")
    # The same first VEVENT with its properties in reverse order.
    begin, end = lines.index(b"BEGIN:VEVENT"), lines.index(b"END:VEVENT")
    shuffled = [*lines[: begin + 1], *reversed(lines[begin + 1 : end]), *lines[end:]]
    original = parse_feed(source, default_time_zone="Europe/London").events[0]
    reordered = parse_feed(b"\r\n".join(shuffled), default_time_zone="Europe/London").events[0]
    assert original.fingerprint == reordered.fingerprint
    changed = parse_feed(
        source.replace(b"SUMMARY:Wednesday yoga", b"SUMMARY:Wednesday pilates", 1),
        default_time_zone="Europe/London",
    ).events[0]
    assert changed.fingerprint != original.fingerprint


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body>Not found</body></html>",
        b"\x89PNG\r\n\x1a\n",
        b"BEGIN:VCARD\r\nEND:VCARD",
    ],
)
def test_not_a_calendar_raises_feed_error(data):
    with pytest.raises(FeedError):
        parse_feed(data, default_time_zone="Europe/London")


def test_event_without_dtstart_is_skipped_with_a_note():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        b"SUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    calendar = parse_feed(data, default_time_zone="Europe/London")
    assert calendar.events == ()
    assert calendar.problems == ("a: skipped 'No start': it has no DTSTART.",)
