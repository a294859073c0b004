"""Roster rules applied to attendee registrations, and the registrations-over-time chart."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from events.bookings.services import booking as booking_service
from events.bookings.services import registrations, roster, roster_exports, signup_chart
from events.models import Booking, Registration, Shift
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
Status = Booking.Status

# Registration opens weeks before the May campaign's events; "today" is 20 April 2027.
NOW = datetime(2027, 4, 20, 12, 0, tzinfo=UTC)


def day(number, hour=10):
    return datetime(2027, 4, number, hour, 0, tzinfo=UTC)


def _build_campaign():
    return factories.campaign()  # May 2027


# The May campaign, built once for the module: each test builds its own events in it and
# its writes are undone. The chart without any campaign is in test_signup_chart_campaign.py.
campaign_rows = module_rows(_build_campaign)


@pytest.fixture
def campaign(campaign_rows, db):
    return fresh(campaign_rows)


def workshop(campaign, **fields):
    values = {
        "title": "Calm breathing workshop",
        "slug": "breathing",
        "start_date": date(2027, 5, 8),
        "registration_mode": "open",
        "registration_capacity": 10,
        "campaign": campaign,
    }
    values.update(fields)
    return factories.event(**values)


def register(event, email, when, *, confirm=True, occurrence=None, **fields):
    occurrence = occurrence or registrations.meeting(event)
    outcome = registrations.sign_up(
        event, occurrence, name=email.split("@")[0], email=email, now=when, **fields
    )
    if confirm:
        booking_service.confirm(outcome.booking.pk, now=when)
    return outcome.booking


def test_attendee_bookings_and_volunteer_bookings_stay_apart(campaign):
    event = workshop(
        campaign, shifts=[{"role": "Door", "start_time": time(9), "end_time": time(10)}]
    )
    register(event, "ana@example.org", day(1))
    booking_service.sign_up(
        Shift.objects.get(event=event).pk, name="Ben", email="ben@example.org", now=day(1)
    )

    attendees = roster.roster_bookings(kind=roster.REGISTRATIONS, event=event)
    volunteers = roster.roster_bookings(event=event)

    assert [b.person.name for b in attendees] == ["ana"]
    assert [b.person.name for b in volunteers] == ["Ben"]
    assert roster.roster_bookings(kind=roster.REGISTRATIONS, campaign=campaign).count() == 1


def test_overview_of_registrations_groups_by_campaign_and_knows_unlimited_places(campaign):
    limited = workshop(campaign)
    talk = workshop(campaign, title="Evening talk", slug="talk", registration_capacity=None)
    register(limited, "ana@example.org", day(1))
    register(talk, "ben@example.org", day(1))
    register(talk, "cai@example.org", day(2), confirm=False)

    groups = roster.overview(
        roster.overview_bookables(roster.REGISTRATIONS), NOW, kind=roster.REGISTRATIONS
    )

    (group,) = groups
    fills = {event.event.title: event.fill for event in group.events}
    assert fills["Calm breathing workshop"].capacity == 10
    assert fills["Calm breathing workshop"].percent == 10
    assert fills["Evening talk"].unlimited and fills["Evening talk"].percent is None
    assert fills["Evening talk"].seats_left is None and fills["Evening talk"].held == 1
    assert group.fill.unlimited and group.fill.confirmed == 2
    talk_registration = roster.with_counts(Registration.objects.filter(event=talk)).get()
    row = roster_exports.fill_row(talk_registration, NOW, kind=roster.REGISTRATIONS)
    assert row["capacity"] == "No limit" and "shift" not in row


def test_export_row_for_an_attendee(campaign):
    event = workshop(campaign)
    booking = register(
        event, "ana@example.org", day(1), access_needs="Quiet seat", how_heard="health"
    )

    row = roster_exports.export_row(
        roster.roster_bookings(kind=roster.REGISTRATIONS).get(pk=booking.pk),
        kind=roster.REGISTRATIONS,
    )

    assert row["event"] == "Calm breathing workshop"
    assert row["how_heard"] == "A GP, nurse or health worker"
    assert row["access_needs"] == "Quiet seat"
    assert row["signed_up"] == "2027-04-01 11:00 BST"
    assert list(row) == list(roster.REGISTRATIONS.export_headings)


def test_check_in_follows_the_shift_rule(campaign):
    event = workshop(campaign)
    booking = register(event, "ana@example.org", day(1))
    start = Registration.objects.get(event=event).starts_at

    with pytest.raises(booking_service.BookingError) as early:
        roster.set_attendance(
            booking.pk, "attended", now=start - timedelta(minutes=31), kind=roster.REGISTRATIONS
        )
    roster.set_attendance(
        booking.pk, "attended", now=start - timedelta(minutes=30), kind=roster.REGISTRATIONS
    )

    assert early.value.code == "too_early"
    assert "before the event starts" in early.value.message
    assert Booking.objects.get(pk=booking.pk).attendance == "attended"


def test_add_by_hand_refuses_a_called_off_meeting(campaign):
    event = workshop(campaign)
    register(event, "ana@example.org", day(1))
    registration = Registration.objects.get(event=event)
    Registration.objects.filter(pk=registration.pk).update(removed_at=NOW)

    with pytest.raises(booking_service.BookingError) as refused:
        roster.add_by_hand(
            registration.pk, name="Ben", email="ben@example.org", kind=roster.REGISTRATIONS
        )

    assert refused.value.code == "removed"


# Registrations over time ---------------------------------------------------------------


def test_chart_counts_registrations_per_day_with_empty_days(campaign):
    event = workshop(campaign)
    other = workshop(campaign, title="Art and wellbeing", slug="art")
    register(event, "ana@example.org", day(1), how_heard="poster")
    register(event, "ben@example.org", day(1, 22), how_heard="poster")  # 23:00 BST: still the 1st
    register(other, "cai@example.org", day(3), how_heard="social")
    register(other, "dee@example.org", day(3), confirm=False)  # not a registration yet
    lapsed = register(event, "eve@example.org", day(2), confirm=False)
    Booking.objects.filter(pk=lapsed.pk).update(status=Status.EXPIRED)
    cancelled = register(event, "fay@example.org", day(2))
    booking_service.cancel(cancelled.pk, now=day(2))  # registered, then cancelled: counts

    chart = signup_chart.signup_chart(campaign, now=day(5))

    assert not chart.weekly
    assert [(p.start, p.count) for p in chart.periods] == [
        (date(2027, 4, 1), 2),
        (date(2027, 4, 2), 1),
        (date(2027, 4, 3), 1),
        (date(2027, 4, 4), 0),
        (date(2027, 4, 5), 0),
    ]
    assert chart.total == 4 and chart.highest == 2
    how_heard = dict(chart.how_heard)
    assert how_heard["A poster or leaflet"] == 2
    assert how_heard["Social media"] == 1
    assert how_heard["Did not say"] == 1
    assert sum(how_heard.values()) == chart.total


def test_chart_draws_weeks_when_registrations_span_many_days(campaign):
    event = workshop(campaign)
    register(event, "ana@example.org", datetime(2027, 2, 10, 10, tzinfo=UTC))  # a Wednesday
    register(event, "ben@example.org", datetime(2027, 2, 14, 10, tzinfo=UTC))  # that Sunday
    register(event, "cai@example.org", day(1))

    chart = signup_chart.signup_chart(campaign, now=NOW)

    assert chart.weekly
    assert chart.periods[0].start == date(2027, 2, 8)  # the Monday
    assert chart.periods[0].count == 2
    assert sum(p.count for p in chart.periods) == 3 == chart.total
    assert chart.periods[-1].start == date(2027, 4, 19)  # the week of today


def test_standing_registration_counts_once_not_once_per_meeting(campaign):
    start = date(2027, 5, 4)
    event = factories.event(
        title="Tuesday circle",
        slug="circle",
        campaign=campaign,
        start_date=start,
        start_time=time(18, 30),
        end_time=time(20, 0),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_count=4,
        registration_mode="open",
        registration_capacity=6,
    )
    first = event.occurrences.order_by("start").first()
    when = datetime(2027, 5, 1, 10, tzinfo=UTC)
    outcome = registrations.sign_up(
        event,
        first,
        every_meeting=True,
        name="Ana",
        email="ana@example.org",
        how_heard="group",
        now=when,
    )
    booking_service.confirm(outcome.booking.pk, now=when)
    assert Booking.objects.filter(person__email="ana@example.org").count() > 1
    register(event, "ben@example.org", when, occurrence=event.occurrences.order_by("start")[1])

    chart = signup_chart.signup_chart(campaign, now=when)

    assert chart.total == 2
    assert dict(chart.how_heard)["A local group or charity"] == 1
