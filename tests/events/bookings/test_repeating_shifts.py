"""A shift at every meeting of a repeating event: one definition on the page, one bookable
shift per meeting within the occurrences' horizon, following moved and cancelled meetings."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.bookings.services import shifts
from events.models import Booking, EventShift, OutboxMessage, Shift
from tests.events import factories
from tests.events.bookings.helpers.repeating import circle, meeting_shifts

pytestmark = pytest.mark.django_db


def local(moment, event):
    return timezone.localtime(moment, event.zone)


def sign_up(shift, name):
    outcome = booking_service.sign_up(
        shift.pk,
        name=name,
        email=f"{name.lower()}@example.org",
        confirmations=shift.requirement_list,
        now=shift.starts_at - timedelta(days=3),
    )
    booking_service.confirm(outcome.booking.pk, now=shift.starts_at - timedelta(days=3))
    return Booking.objects.get(pk=outcome.booking.pk)


def test_one_definition_makes_a_bookable_shift_per_meeting():
    event = circle()

    made = meeting_shifts(event)

    assert len(made) == 4
    series = EventShift.objects.get(event=event).uid
    assert {shift.series_uid for shift in made} == {series}
    assert len({shift.uid for shift in made}) == 4
    meetings = list(event.occurrences.order_by("start"))
    assert [shift.occurrence_key for shift in made] == [m.key for m in meetings]
    for shift, meeting in zip(made, meetings, strict=True):
        assert local(shift.starts_at, event).time() == time(18, 0)
        assert local(shift.ends_at, event).time() == time(19, 0)
        assert local(shift.starts_at, event).date() == local(meeting.start, event).date()


def test_republishing_keeps_the_same_shifts_and_bookings():
    event = circle()
    before = {shift.pk for shift in meeting_shifts(event)}
    zara = sign_up(meeting_shifts(event)[0], "Zara")

    factories.republish(event, summary="New words.")

    assert {shift.pk for shift in meeting_shifts(event)} == before
    zara.refresh_from_db()
    assert zara.status == "confirmed"


def test_a_moved_meeting_moves_its_shift_and_tells_the_volunteer():
    event = circle()
    second = meeting_shifts(event)[1]
    zara = sign_up(second, "Zara")
    original = date.fromisoformat(second.occurrence_key)

    factories.republish(
        event,
        overrides=[
            event.overrides.model(
                original_date=original,
                new_date=original + timedelta(days=1),
                new_start_time=time(19, 0),
            )
        ],
    )

    second.refresh_from_db()
    # The meeting moved a day and half an hour later: so did the shift.
    assert local(second.starts_at, event).date() == original + timedelta(days=1)
    assert local(second.starts_at, event).time() == time(18, 30)
    assert second.schedule_version == 1
    assert OutboxMessage.objects.filter(booking=zara, purpose="booking_changed").exists()


def test_a_cancelled_meeting_cancels_its_shift_through_the_booking_engine():
    event = circle()
    first, second = meeting_shifts(event)[:2]
    zara = sign_up(first, "Zara")
    yusuf = sign_up(second, "Yusuf")
    original = date.fromisoformat(first.occurrence_key)

    factories.republish(
        event, overrides=[event.overrides.model(original_date=original, cancelled=True)]
    )

    zara.refresh_from_db()
    yusuf.refresh_from_db()
    assert (zara.status, yusuf.status) == ("cancelled", "confirmed")
    assert OutboxMessage.objects.filter(booking=zara, purpose="booking_called_off").exists()
    assert first.pk not in {shift.pk for shift in meeting_shifts(event)}
    assert Shift.objects.get(pk=first.pk).seats_taken == 0

    # Back on: the shift takes sign-ups again.
    factories.republish(event, overrides=[])
    assert first.pk in {shift.pk for shift in meeting_shifts(event)}


def test_shifts_follow_the_occurrences_horizon(settings):
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 20
    event = circle(weeks=None, repeat_count=None)
    assert len(meeting_shifts(event)) == 2  # meetings in 7 and 14 days

    later = timezone.now() + timedelta(days=14)
    from events.calendar.services import occurrences

    occurrences.refresh_event(event, now=later)
    shifts.sync_repeating(now=later)

    assert len(meeting_shifts(event)) == 4


def test_the_editor_is_told_what_a_repeating_shift_needs():
    one_off = factories.event(slug="fair")
    event = circle()
    planned = EventShift(role="Desk", start_time=time(9), end_time=time(10), repeats=True)

    with pytest.raises(shifts.ShiftError, match="Only a repeating event"):
        shifts.check(one_off, planned, [one_off.start_date])
    planned.date = event.start_date
    with pytest.raises(shifts.ShiftError, match="leave it empty"):
        shifts.check(event, planned, [event.start_date])
    planned.repeats = False
    planned.date = None
    with pytest.raises(shifts.ShiftError, match="Or tick Every meeting"):
        shifts.check(event, planned, [event.start_date])
