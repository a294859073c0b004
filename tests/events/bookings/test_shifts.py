"""Publishing volunteer shifts from the event page, and editing them once people booked."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.bookings.services import booking as booking_service
from events.bookings.services import mail, shifts
from events.models import Booking, OutboxMessage, Shift
from tests.events import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 4, 1, 9, 0, tzinfo=UTC)


def desk(**fields):
    return factories.shift(
        **{"requirements": "I am 18 or over\nI have done the safeguarding training", **fields}
    )


def fair(**fields):
    values = {"title": "Spring wellbeing fair", "start_date": date(2027, 5, 8)}
    values.update(fields)
    return factories.event(**values)


def edit_shifts(event, **changes):
    """Change every inline shift on the latest revision and publish, as an editor would."""
    page = event.get_latest_revision_as_object()
    planned = list(page.shifts.all())
    for item in planned:
        for field, value in changes.items():
            setattr(item, field, value)
    page.shifts = planned
    page.save_revision().publish()


def book(shift, email, confirm=True, now=NOW):
    outcome = booking_service.sign_up(
        shift.pk,
        name=email.split("@")[0],
        email=email,
        confirmations=shift.requirement_list,
        now=now,
    )
    if confirm and outcome.booking.status == Booking.Status.PENDING:
        booking_service.confirm(outcome.booking.pk, now=now)
    return Booking.objects.get(pk=outcome.booking.pk)


def test_publishing_creates_a_bookable_shift_in_the_events_time_zone():
    event = fair(shifts=[desk()], time_zone="America/Toronto")

    shift = Shift.objects.get(event=event)

    assert shift.title == "Welcome desk: Spring wellbeing fair"
    # 09:30 in Toronto in May (EDT, UTC-4) is 13:30 UTC.
    assert shift.starts_at == datetime(2027, 5, 8, 13, 30, tzinfo=UTC)
    assert shift.ends_at == datetime(2027, 5, 8, 16, 0, tzinfo=UTC)
    assert shift.time_zone == "America/Toronto"
    assert shift.capacity == 2 and shift.seats_taken == 0
    assert shift.requirement_list == ["I am 18 or over", "I have done the safeguarding training"]
    # Volunteers are registered, so their location is the full address.
    assert shift.location.startswith("Willow Community Hall, 12 Mill Lane, Riverside")


def test_republishing_without_changes_keeps_the_same_shift_and_seats():
    event = fair(shifts=[desk()])
    shift = Shift.objects.get(event=event)
    book(shift, "ana@example.org")

    factories.republish(event, summary="New words, same shift.")

    again = Shift.objects.get(event=event)
    assert again.pk == shift.pk
    assert again.seats_taken == 1 and again.schedule_version == 0
    assert not OutboxMessage.objects.filter(purpose="booking_changed").exists()


def test_raising_capacity_on_the_page_offers_seats_to_the_waiting_list():
    event = fair(shifts=[desk(capacity=1)])
    shift = Shift.objects.get(event=event)
    book(shift, "ana@example.org")
    waiting = book(shift, "ben@example.org", confirm=False)
    assert waiting.status == Booking.Status.WAITLISTED

    edit_shifts(event, capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    assert OutboxMessage.objects.filter(booking=waiting, purpose="booking_offered").exists()


def test_moving_a_shift_tells_confirmed_volunteers_and_moves_their_reminders():
    event = fair(shifts=[desk()])
    shift = Shift.objects.get(event=event)
    confirmed = book(shift, "ana@example.org")
    old_reminders = set(
        OutboxMessage.objects.filter(booking=confirmed, purpose="booking_reminder").values_list(
            "due_at", flat=True
        )
    )
    assert len(old_reminders) == 2

    edit_shifts(event, start_time=time(13, 0), end_time=time(15, 0))

    shift.refresh_from_db()
    assert shift.schedule_version == 1
    notice = OutboxMessage.objects.get(booking=confirmed, purpose="booking_changed")
    message = mail.compose(notice, now=NOW)
    assert "13:00 to 15:00" in message.body
    calendar = Calendar.from_ical(message.attachments[0][1])
    vevent = calendar.walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent["UID"] == f"booking-{confirmed.public_id}@tapestry"
    live = OutboxMessage.objects.filter(
        booking=confirmed, purpose="booking_reminder", status="scheduled"
    )
    assert {row.due_at for row in live}.isdisjoint(old_reminders)
    assert {row.schedule_version for row in live} == {1}
    assert (
        OutboxMessage.objects.filter(booking=confirmed, purpose="booking_reminder")
        .exclude(schedule_version=1)
        .values_list("status", flat=True)
        .distinct()
        .get()
        == "cancelled"
    )


def test_removing_a_shift_withdraws_everyone_and_tells_them():
    event = fair(shifts=[desk(), desk(role="Tea and biscuits")])
    tea = Shift.objects.get(event=event, role="Tea and biscuits")
    confirmed = book(tea, "ana@example.org")

    page = event.get_latest_revision_as_object()
    page.shifts = [planned for planned in page.shifts.all() if planned.role != "Tea and biscuits"]
    page.save_revision().publish()

    tea.refresh_from_db()
    confirmed.refresh_from_db()
    assert tea.removed_at is not None and tea.seats_taken == 0
    assert confirmed.status == Booking.Status.CANCELLED
    notice = OutboxMessage.objects.get(booking=confirmed, purpose="booking_withdrawn")
    message = mail.compose(notice, now=NOW)
    calendar = Calendar.from_ical(message.attachments[0][1])
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert not OutboxMessage.objects.filter(
        booking=confirmed, purpose="booking_reminder", status="scheduled"
    ).exists()
    assert Shift.objects.current().filter(event=event).count() == 1


def test_cancelling_the_event_withdraws_all_its_shifts():
    event = fair(shifts=[desk()])
    shift = Shift.objects.get(event=event)
    confirmed = book(shift, "ana@example.org")

    factories.republish(event, status="cancelled", status_reason="The hall flooded.")

    confirmed.refresh_from_db()
    assert confirmed.status == Booking.Status.CANCELLED
    assert OutboxMessage.objects.filter(booking=confirmed, purpose="booking_withdrawn").exists()


def test_a_shift_on_one_meeting_of_a_repeating_event_takes_that_date():
    event = factories.event(
        title="Tuesday circle",
        start_date=date(2027, 3, 16),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_count=6,
        shifts=[desk(date=date(2027, 3, 23), start_time=time(18, 0), end_time=time(20, 30))],
    )

    shift = Shift.objects.get(event=event)

    assert shift.occurrence_key == "2027-03-23"
    assert timezone.localtime(shift.starts_at).date() == date(2027, 3, 23)
    cards, _until = shifts.upcoming_for_event_until(event, occurrence_key="2027-03-30", now=NOW)
    assert cards == []
    cards, _until = shifts.upcoming_for_event_until(
        event, occurrence_key="2027-03-23", now=datetime(2027, 3, 1, tzinfo=UTC)
    )
    assert [card.shift for card in cards] == [shift]


def test_shift_rules_the_editor_sees():
    event = fair()
    dates = {date(2027, 5, 8)}
    planned = event.shifts.model(**desk(start_time=time(12, 0), end_time=time(9, 0)))
    with pytest.raises(shifts.ShiftError) as error:
        shifts.check(event, planned, dates)
    assert error.value.field == "end_time"

    planned = event.shifts.model(**desk(date=date(2027, 5, 9)))
    with pytest.raises(shifts.ShiftError) as error:
        shifts.check(event, planned, dates)
    assert error.value.field == "date"


def test_campaign_lists_open_shifts_of_its_events_only():
    campaign = factories.campaign()
    fair(shifts=[desk()], campaign=campaign)
    fair(title="Elsewhere", slug="elsewhere", shifts=[desk(role="Stewards")])

    cards = campaign.get_open_volunteer_shifts()

    assert [card.shift.role for card in cards] == ["Welcome desk"]
    assert cards[0].state == "open" and cards[0].url.endswith(f"/volunteer/{cards[0].shift.pk}/")
