"""An event page keeps what only editors and the clock change rendered: its facts, text,
calendar links, next meetings, structured data and share tags, per meeting, import line
and editorial stamp, until the meeting it shows or the soonest one it lists ends. The
places left, the shifts and the import line are read on every request (the page cache is
off in the tests), so a booking, a new import or a publish shows on the very next one."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from events import routes
from events.bookings.services import booking as booking_service
from events.imports.models import ImportedItem, ImportSource
from events.models import Booking
from tests.events import factories
from tests.events.bookings.helpers import registration as reg
from tests.events.bookings.helpers import shift_signup
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db

PLACES = re.compile(r"\d+ of \d+ places? left")


# The weekly group three tests read, built once for the module: each test reads its own
# copy and its writes (a published change) are undone.
group_rows = module_rows(reg.group)


@pytest.fixture
def group(group_rows, db):
    return fresh(group_rows)


@pytest.fixture
def drawn(monkeypatch):
    return watch_calls(monkeypatch, routes, "_draw_sections")


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _confirm(email):
    booked = Booking.objects.get(person__email_key=email, status=Booking.Status.PENDING)
    booking_service.confirm(booked.pk)


def test_a_second_visit_draws_the_page_once_and_reads_only_what_is_live(
    client, drawn, django_assert_max_num_queries
):
    event = reg.workshop(summary="Slow breaths, together.")
    first = page_html(client, event.url)
    # The page's row, its import line, the meeting and places of its registration (one
    # nobody has registered for yet is described from the event and its venue), and its
    # shifts: nothing else.
    with django_assert_max_num_queries(6):
        second = page_html(client, event.url)

    assert "Slow breaths, together." in first and "application/ld+json" in first
    assert 'property="og:title"' in first
    assert first == second
    assert len(drawn) == 1


def test_places_left_show_on_the_next_request(client, drawn):
    event = reg.workshop(registration_capacity=2)
    assert PLACES.findall(page_html(client, event.url)) == ["2 of 2 places left"]

    client.post(reg.register_url(event), reg.form_data(email="first@example.org"))
    _confirm("first@example.org")

    assert PLACES.findall(page_html(client, event.url)) == ["1 of 2 places left"]
    assert len(drawn) == 1


def test_shift_places_show_on_the_next_request(client, drawn):
    event, shift = shift_signup.event_with_shift(capacity=3)
    assert "3 of 3 places left" in page_html(client, event.url)

    client.post(
        shift_signup.signup_url(event, shift), shift_signup.form_data(email="ana@example.org")
    )
    _confirm("ana@example.org")

    assert "2 of 3 places left" in page_html(client, event.url)
    assert len(drawn) == 1


def test_a_publish_and_an_edited_venue_show_on_the_next_request(client):
    event = reg.workshop(summary="First words.")
    assert "First words." in page_html(client, event.url)

    event = factories.republish(event, summary="Second words.")
    assert "Second words." in page_html(client, event.url)

    event.venue.access_notes = "Lift to the first floor."
    event.venue.save()
    assert "Lift to the first floor." in page_html(client, event.url)


def test_a_new_import_time_shows_on_the_next_request(client):
    """The import line is read every time: a pull that changes nothing on the page still
    moves "updated". Control: without the import line in the key, the old time stays."""
    event = reg.workshop()
    pulled = timezone.make_aware(datetime(2026, 11, 2, 9, 15))
    source = ImportSource.objects.create(
        name="Riverside Mind",
        url="http://127.0.0.1:1/cal.ics",
        parent_page=event.get_parent(),
        default_kind=event.kind,
        default_time_zone="Europe/London",
        last_success_at=pulled,
    )
    ImportedItem.objects.create(source=source, uid="one@riverside", fingerprint="x", page=event)
    assert "updated 2 November 2026, 09:15" in page_html(client, event.url)

    ImportSource.objects.filter(pk=source.pk).update(last_success_at=pulled + timedelta(hours=1))

    assert "updated 2 November 2026, 10:15" in page_html(client, event.url)


def _when(html):
    return html.split("<dt>When</dt>")[1].split("</dd>")[0]


def test_a_series_page_moves_on_when_its_meeting_ends(client, group):
    """Ten minutes after the first meeting ends, the page shows the second one and lists
    one meeting fewer. Control: kept with no end (``until`` None), the ended meeting stays
    (checked)."""
    event = group
    first, second = event.occurrences.order_by("start")[:2]
    at = first.end - timedelta(minutes=5)
    with time_machine.travel(at, tick=False) as clock:
        before = page_html(client, event.url)
        clock.move_to(first.end + timedelta(minutes=10))
        after = page_html(client, event.url)

    first_day = timezone.localtime(first.start).strftime("%-d %B")
    second_day = timezone.localtime(second.start).strftime("%-d %B")
    assert first_day in _when(before)
    assert first_day not in _when(after) and second_day in _when(after)
    assert before.count('class="meeting-list"') == 1
    listed = after.split('class="meeting-list"')[1].split("</ul>")[0]
    assert first_day not in listed


def test_a_one_off_event_says_it_took_place_once_it_ends(client):
    event = reg.workshop(start_date=reg.soon(1), start_time=time(10, 0), end_time=time(11, 0))
    end = event.occurrences.get().end
    with time_machine.travel(end - timedelta(minutes=1), tick=False) as clock:
        before = page_html(client, event.url)
        clock.move_to(end + timedelta(minutes=1))
        after = page_html(client, event.url)

    assert "took place in the past" not in before and "Add to your calendar" in before
    assert "took place in the past" in after and "Add to your calendar" not in after


def test_each_meeting_page_is_its_own(client, drawn, group):
    event = group
    first, second = event.occurrences.order_by("start")[:2]
    pages = [
        page_html(client, event.get_occurrence_url(meeting, None)) for meeting in (first, second)
    ]

    for meeting, html in zip((first, second), pages, strict=True):
        day = timezone.localtime(meeting.start).strftime("%-d %B")
        assert day in html.split("<title>")[1].split("</title>")[0]
    assert len(drawn) == 2


def test_a_preview_shows_the_draft_not_what_is_kept(client):
    event = reg.workshop(summary="Published words.")
    page_html(client, event.url)

    draft = event.get_latest_revision_as_object()
    draft.summary = "Draft words."
    response = draft.make_preview_request()

    assert "Draft words." in response.content.decode()
    assert "Published words." in page_html(client, event.url)


def test_an_edited_picture_description_shows_on_the_next_request(client):
    """The picture's description is its alternative text. Control: without the image
    model among the stamp's (events/signals.py), the old words stay (checked)."""
    image = get_image_model().objects.create(
        title="Hall", file=get_test_image_file(), description="Chairs in a circle."
    )
    event = reg.workshop(image=image)
    assert 'alt="Chairs in a circle."' in page_html(client, event.url)

    image.description = "A bright hall with chairs in a circle."
    image.save()

    assert 'alt="A bright hall with chairs in a circle."' in page_html(client, event.url)


def test_a_meeting_page_reads_its_meeting_once_and_follows_a_published_change(client, group):
    """The meeting's row is kept under the editorial stamp, which refreshing the meetings
    (on publish, and nightly) replaces: a moved meeting shows on the next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.models import OccurrenceOverride

    event = group
    first = event.occurrences.order_by("start").first()
    url = event.get_occurrence_url(first, None)
    assert "Moved to the big hall" not in page_html(client, url)
    with CaptureQueriesContext(connection) as queries:
        page_html(client, url)
    assert not [query for query in queries if "events_occurrence" in query["sql"]]

    page = event.get_latest_revision_as_object()
    page.overrides = [
        OccurrenceOverride(
            original_date=timezone.localdate(first.start),
            new_start_time=time(19, 0),
            new_end_time=time(20, 30),
            note="Moved to the big hall",
        )
    ]
    page.save_revision().publish()
    moved = page_html(client, url)
    assert "Moved to the big hall" in moved and "19:00" in _when(moved)
