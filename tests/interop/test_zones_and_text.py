"""Zone definitions every reader takes alike, and TEXT values escaped (issue 16, 1 and 2)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.calendar.services import ical_text
from tests.events import factories
from tests.interop import readers
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
FROM = datetime(2027, 1, 1, tzinfo=UTC)
UNTIL = datetime(2028, 1, 1, tzinfo=UTC)


def _build_summer_series():
    # Starts in winter, runs through the March and October changes.
    return factories.event(
        title="Saturday walk",
        slug="saturday-walk",
        start_date=date(2027, 2, 6),
        start_time=time(10, 0),
        end_time=time(11, 0),
        repeat="WEEKLY",
        repeat_weekdays="SA",
        repeat_until=date(2027, 11, 27),
    )


# Built once for the module and read anew by each test (the test that escapes text reads
# only its own event's files).
summer_series_rows = module_rows(_build_summer_series)


@pytest.fixture
def summer_series(summer_series_rows, db):
    return fresh(summer_series_rows)


def test_every_yearly_change_has_its_own_rdate_line():
    text = ical_text.vtimezone_bytes("Europe/London").decode()
    rdates = [line for line in text.split("\r\n") if line.startswith("RDATE")]

    assert len(rdates) > 30  # twice a year, 2021-2039
    assert all("," not in line for line in rdates)


@pytest.mark.parametrize("reader", sorted(readers.READERS))
def test_summer_meetings_keep_their_local_time_in_every_reader(client, summer_series, reader):
    body = client.get(f"/calendar/events/{summer_series.pk}.ics").content

    seen = readers.READERS[reader](body, FROM, UNTIL)

    local = {s.start.astimezone(LONDON).time() for s in seen}
    months = {s.start.astimezone(LONDON).month for s in seen}
    assert local == {time(10, 0)}, reader
    assert months == set(range(2, 12))


def test_a_newline_comma_and_semicolon_in_the_summary_are_escaped(client):
    event = factories.event(
        title="Tea, cake; talk",
        slug="tea",
        summary="First line,\nsecond; line\\ end",
        start_date=date(2027, 5, 1),
        start_time=time(14, 0),
        end_time=time(15, 0),
    )

    response = client.get(f"/calendar/events/{event.pk}.ics")

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    raw = response.content.decode()
    assert "X-WR-CALDESC:First line\\,\\nsecond\\; line\\\\ end" in raw
    assert "X-WR-CALNAME:Tea\\, cake\\; talk" in raw
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Tea, cake; talk"
    occurrence = event.occurrences.get()
    meeting = client.get(f"/calendar/events/{event.pk}/{occurrence.key}.ics")
    assert meeting.status_code == 200
    assert "X-WR-CALDESC:First line\\,\\nsecond" in meeting.content.decode()


def test_public_feeds_carry_no_method(client, summer_series):
    for url in ("/calendar.ics", f"/calendar/events/{summer_series.pk}.ics"):
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        assert "METHOD" not in calendar
