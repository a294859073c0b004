"""The events demo: a month-long campaign that loads twice without changing anything."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from events.models import Booking, CampaignPage, EventPage, Occurrence, Shift, Venue

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow(reason="loads the demo itself: the loader is what it tests (15-20 s a test)"),
]


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def state():
    return {
        "revisions": Revision.objects.count(),
        "events": list(EventPage.objects.order_by("pk").values_list("pk", "sequence", "live")),
        "occurrences": list(
            Occurrence.objects.order_by("pk").values_list("pk", "start", "cancelled", "moved")
        ),
        "venues": list(Venue.objects.order_by("pk").values()),
        "shifts": list(Shift.objects.order_by("pk").values_list("pk", "seats_taken", "capacity")),
        "bookings": list(Booking.objects.order_by("pk").values_list("pk", "status")),
    }


def test_demo_builds_the_awareness_month():
    load_demo()

    campaign = CampaignPage.objects.in_source_language().get()
    events = EventPage.objects.live().in_source_language().filter(campaign=campaign)
    assert campaign.title == "Mental Health Awareness Month 2027"
    assert 14 <= events.count() <= 16
    assert events.filter(status="cancelled").count() == 1
    online = events.get(time_zone="America/Toronto")
    assert online.attendance_mode == "online"
    assert Venue.objects.filter(step_free=True).count() >= 2

    group = events.get(slug="tuesday-peer-support")
    rows = {o.key: o for o in Occurrence.objects.filter(event=group)}
    assert rows["2027-05-11"].cancelled
    assert rows["2027-05-25"].moved
    assert "2027-04-06" not in rows
    # The weekly 18:30 meeting is 18:30 GMT in March and 18:30 BST after the change.
    assert rows["2027-03-23"].start == datetime(2027, 3, 23, 18, 30, tzinfo=UTC)
    assert rows["2027-05-18"].start == datetime(2027, 5, 18, 17, 30, tzinfo=UTC)
    in_may = Occurrence.objects.filter(
        event__campaign=campaign,
        start__gte=datetime(2027, 4, 30, 23, tzinfo=UTC),
        start__lt=datetime(2027, 5, 31, 23, tzinfo=UTC),
    )
    assert in_may.count() >= 15


def test_demo_has_shifts_on_most_events_and_a_full_one_with_a_waiting_list():
    load_demo()

    events = EventPage.objects.live().in_source_language()
    with_shifts = events.filter(live_shifts__isnull=False).distinct().count()
    assert with_shifts * 3 > events.count() * 2  # most events: over two thirds
    full = Shift.objects.get(role="Tea and biscuits")
    assert full.seats_left == 0
    assert full.bookings.filter(status="waitlisted").count() == 2
    greeter = Shift.objects.get(role="Greeter")
    assert greeter.occurrence_key == "2027-05-18"


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    before = state()

    output = load_demo()

    assert state() == before
    assert "Created" not in output and "Updated" not in output


def test_demo_repairs_an_edited_event():
    load_demo()
    event = EventPage.objects.get(slug="calm-breathing")
    event.title = "Changed by hand"
    event.save_revision().publish()

    output = load_demo()

    assert "Updated the page 'Calm breathing for busy days'" in output


def test_refresh_command_changes_nothing_on_a_current_database():
    from events.models import FeedFragment

    load_demo()
    fragments = list(FeedFragment.objects.order_by("pk").values_list("pk", "digest"))
    before = state()
    out = StringIO()

    call_command("refresh_events", stdout=out)

    assert "0 created, 0 updated, 0 deleted" in out.getvalue()
    assert "re-rendered: 0" in out.getvalue()
    assert state() == before
    assert list(FeedFragment.objects.order_by("pk").values_list("pk", "digest")) == fragments
    # One per page in the source language: translations share their source's entries.
    sources = EventPage.objects.live().in_source_language().count()
    assert len(fragments) == sources + CampaignPage.objects.in_source_language().count()
