"""What feeds hold: exactly the listed meetings, in every language, stamped when edited."""

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.http import QueryDict
from wagtail.models import Locale

from events.calendar.services import listing
from tests.events import factories
from tests.interop import readers
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
FROM = datetime(2027, 1, 1, tzinfo=UTC)
UNTIL = datetime(2028, 1, 1, tzinfo=UTC)


def _build_loop_series():
    """Weekly at a hall without a hearing loop; one meeting moved to one with a loop."""
    plain = factories.venue(name="Old Hall", hearing_loop=False)
    looped = factories.venue(name="Library", hearing_loop=True)
    return factories.event(
        title="Carers' circle",
        slug="carers-circle",
        venue=plain,
        start_date=date(2027, 3, 2),
        start_time=time(18, 0),
        end_time=time(19, 30),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_until=date(2027, 8, 31),
        overrides=[
            {
                "original_date": date(2027, 4, 6),
                "new_date": date(2027, 4, 7),
                "new_start_time": time(17, 0),
                "venue": looped,
            }
        ],
    )


# The series is the only event the feeds below hold besides the one a test adds itself:
# built once for the module, read anew by each test (its writes are undone). The test of
# the site address in every link, which reads a whole feed of its own event, is in
# test_feed_links.py.
loop_series_rows = module_rows(_build_loop_series)


@pytest.fixture
def loop_series(loop_series_rows, db):
    return fresh(loop_series_rows)


@pytest.mark.parametrize("reader", sorted(readers.READERS))
def test_a_filtered_feed_holds_exactly_the_listed_meetings(client, loop_series, reader):
    query = "access=hearing_loop"
    _filterset, listed = listing.apply_filters(QueryDict(query))
    expected = sorted(o.start for o in listed)

    body = client.get(f"/calendar.ics?{query}").content
    seen = readers.READERS[reader](body, FROM, UNTIL)

    assert len(expected) == 1
    assert [s.start for s in seen] == expected, reader
    assert [s.summary for s in seen] == ["Carers' circle"]


def test_an_unfiltered_feed_still_carries_the_series(client, loop_series):
    body = client.get("/calendar.ics").content

    seen = readers.icaljs(body, FROM, UNTIL)

    assert len(seen) == loop_series.occurrences.count() == 27


def test_a_title_edit_moves_last_modified(client):
    event = factories.event(
        title="Open day",
        slug="open-day-2",
        start_date=date(2027, 6, 5),
        start_time=time(10, 0),
        end_time=time(12, 0),
    )
    url = f"/calendar/events/{event.pk}.ics"
    before = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    # Stamps have whole seconds: the edit is made two seconds later (the clock moved on,
    # not waited for).
    with time_machine.travel(timedelta(seconds=2)):
        factories.republish(event, title="Open day and garden tour")

        after = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]

    assert str(after["SUMMARY"]) == "Open day and garden tour"
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after["SEQUENCE"] == before["SEQUENCE"]  # a title is not a material change


@pytest.mark.parametrize("reader", sorted(readers.READERS))
def test_the_spanish_feed_holds_the_same_meetings_in_spanish_words(client, loop_series, reader):
    spanish = loop_series.copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    spanish.title = "Círculo de cuidadores"
    spanish.save_revision().publish()

    english = readers.READERS[reader](client.get("/calendar.ics").content, FROM, UNTIL)
    read_in_spanish = readers.READERS[reader](client.get("/es/calendar.ics").content, FROM, UNTIL)

    assert len(english) == 27
    assert [s.start for s in read_in_spanish] == [s.start for s in english], reader
    assert [s.uid for s in read_in_spanish] == [s.uid for s in english]
    assert {s.summary for s in read_in_spanish} == {"Círculo de cuidadores"}
    assert {s.summary for s in english} == {"Carers' circle"}
