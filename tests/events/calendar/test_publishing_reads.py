"""Publishing an event reads it once for everything that follows from it
(``events.publishing``): its change record, occurrences, feed entry, shifts and
registrations are what they would be made from the event read afresh."""

import re
from collections import Counter
from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import publishing
from events.calendar.models import EventPage, FeedFragment
from events.calendar.services import changes, feed_fragments
from tests.events import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


def weekly_group():
    campaign = factories.campaign()
    return factories.event(
        campaign,
        title="Tuesday peer support",
        campaign=campaign,
        start_date=date(2027, 3, 16),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_until=date(2027, 6, 29),
        exceptions=[date(2027, 3, 30)],
        overrides=[
            {"original_date": date(2027, 4, 6), "cancelled": True, "note": "Easter"},
            {"original_date": date(2027, 4, 13), "new_start_time": time(19, 0)},
        ],
    )


def reads(queries):
    """How many SELECTs read each table (by the table named after FROM)."""
    return Counter(
        re.search(r'FROM "(\w+)"', query["sql"]).group(1)
        for query in queries
        if query["sql"].startswith("SELECT") and " FROM " in query["sql"]
    )


def test_a_published_event_is_read_once_and_its_rows_are_those_of_a_fresh_read():
    event = weekly_group()
    # A material change made behind the page's back, so that publishing records it.
    EventPage.objects.filter(pk=event.pk).update(end_time=time(20, 30))
    page = EventPage.objects.get(pk=event.pk)

    with CaptureQueriesContext(connection) as captured:
        publishing.page_published(page, now=NOW)

    read = reads(captured.captured_queries)
    # Once each, where the recorder, the occurrence planner and the feed entry read them
    # one to three times apiece.
    assert read["events_eventexception"] == 1
    assert read["events_occurrenceoverride"] == 1
    # Its shifts: listed to publish them and again for those at every meeting.
    assert read["events_eventshift"] == 1
    # The occurrences: compared when refreshed, read once for the feed entry in every
    # language, listed for the repeating shifts; not read for registrations, as there are
    # none to follow.
    assert read["events_occurrence"] == 3
    # The feed row: its digest only, before a write that knows whether it exists.
    assert read["events_feedfragment"] == 1

    # The change was recorded on the row and on the published instance.
    row = EventPage.objects.get(pk=event.pk)
    assert (row.sequence, row.last_material_change) == (1, NOW)
    assert (page.sequence, page.last_material_change) == (1, NOW)
    assert page.material_fingerprint == row.material_fingerprint
    # A fresh read of the event finds nothing left to record or store.
    assert not changes.record(row, now=NOW)
    assert not feed_fragments.store_fragment(row, now=NOW)
    assert "SEQUENCE:1" in FeedFragment.objects.get(page_id=event.pk).ical


def test_a_fragment_row_is_written_whether_or_not_it_was_there():
    event = factories.event()
    row = FeedFragment.objects.get(page_id=event.pk)
    values = {
        "ical": "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
        "translated_ical": {},
        "tzids": "",
        "digest": "x",
        "rendered_at": NOW,
    }

    # Stored meanwhile by another publish: updated, not inserted twice.
    feed_fragments._write(event.pk, values, exists=False)
    row.refresh_from_db()
    assert (row.digest, row.rendered_at) == ("x", NOW)

    # Deleted meanwhile: inserted again.
    FeedFragment.objects.filter(page_id=event.pk).delete()
    feed_fragments._write(event.pk, {**values, "digest": "y"}, exists=True)
    assert FeedFragment.objects.get(page_id=event.pk).digest == "y"


def test_a_renamed_campaign_is_named_in_its_events_stored_entries():
    event = weekly_group()
    factories.republish(event.campaign, title="Awareness Month, renamed")

    stored = FeedFragment.objects.get(page_id=event.pk)
    assert "Awareness Month\\, renamed" in stored.ical
    # What a fresh read of the event renders, byte for byte.
    assert not feed_fragments.store_fragment(EventPage.objects.get(pk=event.pk))
