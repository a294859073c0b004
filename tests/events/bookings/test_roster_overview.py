"""Roster rules over fairs each test builds: fill totals, the overview by campaign, the
filters and the dashboard chart (test_roster.py builds one full shift for all of its tests)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from events.bookings.services import roster
from events.models import Shift
from tests.events import factories
from tests.events.bookings.helpers.roster import NOW, SHIFT_START, book, desk, fair

pytestmark = pytest.mark.django_db


def test_fill_of_an_empty_shift_and_totals_add_up():
    event = fair([desk(capacity=3), desk(role="Tea urn", capacity=1)])
    welcome, tea = Shift.objects.filter(event=event).order_by("capacity")[::-1]
    book(welcome, "ana@example.org")
    book(tea, "ben@example.org")

    shifts = roster.with_counts(Shift.objects.filter(event=event))
    total = sum((roster.fill_of(shift) for shift in shifts), roster.Fill())

    assert (total.capacity, total.confirmed, total.seats_left, total.percent) == (4, 2, 2, 50)
    assert roster.Fill().percent == 0  # no division by zero for "nothing yet"


def test_overview_groups_shifts_by_campaign_then_event():
    may = factories.campaign()
    june = factories.campaign(
        title="Carers week", slug="carers", start_date=date(2027, 6, 1), end_date=date(2027, 6, 7)
    )
    fair([desk()], campaign=may)
    fair([desk(), desk(role="Tea urn")], campaign=may, title="Open day", slug="open-day")
    fair([desk()], campaign=june, title="Carers cafe", start_date=date(2027, 6, 2))
    fair([desk(capacity=2)], title="No campaign fair", slug="loose", start_date=date(2027, 7, 1))

    groups = roster.overview(roster.overview_shifts())

    assert [group.campaign.title if group.campaign else None for group in groups] == [
        "Mental Health Awareness Month 2027",
        "Carers week",
        None,
    ]
    assert [event.event.title for event in groups[0].events] == [
        "Spring wellbeing fair",
        "Open day",
    ]
    assert groups[0].fill.capacity == 12
    assert groups[0].events[1].fill.capacity == 8
    assert [len(event.shifts) for event in groups[0].events] == [1, 2]
    assert groups[2].fill.capacity == 2


def test_needs_volunteers_and_upcoming_filters():
    event = fair([desk(capacity=1), desk(role="Tea urn", capacity=2)])
    tea = Shift.objects.get(event=event, role="Tea urn")
    book(Shift.objects.get(event=event, role="Welcome desk"), "ana@example.org")

    assert list(roster.needing_volunteers(Shift.objects.all())) == [tea]
    assert roster.upcoming(Shift.objects.all(), NOW).count() == 2
    assert roster.past(Shift.objects.all(), NOW).count() == 0
    after = SHIFT_START + timedelta(days=1)
    assert roster.upcoming(Shift.objects.all(), after).count() == 0
    # A shift that is over needs nobody any more.
    assert list(roster.needing_volunteers(Shift.objects.all(), now=after)) == []


def test_dashboard_chart_is_the_next_campaigns_upcoming_shifts():
    over = factories.campaign(
        title="Last year", slug="last", start_date=date(2026, 5, 1), end_date=date(2026, 5, 31)
    )
    fair([desk()], campaign=over, title="Old fair", start_date=date(2026, 5, 8))
    may = factories.campaign()
    event = fair([desk(capacity=2)], campaign=may)
    book(Shift.objects.get(event=event), "ana@example.org")

    chart = roster.dashboard_chart(NOW)

    assert chart.campaign == may
    assert [(row.shift.role, row.fill.confirmed, row.fill.capacity) for row in chart.rows] == [
        ("Welcome desk", 1, 2)
    ]
    assert chart.total.percent == 50
    assert roster.dashboard_chart(datetime(2027, 9, 1, tzinfo=UTC)) is None
