"""Whatever an editor types or pastes into titles, summaries and venue names, every feed
still parses in every reader and gives the text back unchanged (Hypothesis). Control
characters that RFC 5545 forbids in TEXT (a vertical tab from a word processor, NUL) are
dropped; everything else arrives intact."""

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.calendar.services import feed_fragments
from events.calendar.services.ical_text import plain
from events.models import EventPage, Venue
from tests.events import factories
from tests.interop import readers

pytestmark = pytest.mark.django_db
FROM = datetime(2027, 1, 1, tzinfo=UTC)
UNTIL = datetime(2028, 1, 1, tzinfo=UTC)

# What a keyboard or a paste gives: letters, marks, digits, punctuation (commas,
# semicolons, backslashes, colons, quotes), symbols and emoji, spaces, tabs, newlines,
# and the control characters a paste can carry (Cc: NUL, CR, vertical tab, form feed...).
# NUL is left out: Django's form fields refuse it, so no editor can store one.
typed = st.characters(categories=("L", "M", "N", "P", "S", "Zs", "Cc"), exclude_characters="\x00")
words = st.text(typed, min_size=1, max_size=60).map(str.strip).filter(lambda t: plain(t).strip())
one_line = words.map(lambda text: " ".join(text.split())).filter(lambda t: plain(t).strip())


@pytest.fixture
def event():
    hall = factories.venue(name="Hall")
    return factories.event(
        title="Placeholder",
        slug="typed",
        venue=hall,
        start_date=date(2027, 6, 2),
        start_time=time(18, 0),
        end_time=time(19, 0),
    )


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=one_line, summary=words, venue=one_line)
def test_typed_text_survives_every_reader(client, event, title, summary, venue):
    EventPage.objects.filter(pk=event.pk).update(title=title, summary=summary)
    Venue.objects.filter(pk=event.venue_id).update(name=venue)
    page = EventPage.objects.get(pk=event.pk)
    feed_fragments.store_fragment(page)

    for url in ("/calendar.ics", f"/calendar/events/{event.pk}.ics"):
        response = client.get(url)
        assert response.status_code == 200
        for name, reader in readers.READERS.items():
            seen = reader(response.content, FROM, UNTIL)
            assert [s.summary for s in seen] == [plain(title)], (name, url)
        details = readers.icaljs_raw(response.content, FROM, UNTIL)["occurrences"][0]
        assert details["description"].startswith(plain(summary))
        assert plain(venue) in details["location"]
