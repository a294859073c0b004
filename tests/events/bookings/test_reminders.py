"""Reminders: when they fall, queuing them, withdrawing them, moving them with the time."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail

from events.bookings.services import booking, registrations, reminders
from events.models import OutboxMessage
from tests.events.booking_factories import make_bookable
from tests.events.bookings.helpers.registration import workshop
from tests.support.outbox import deliver

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


def test_confirming_schedules_reminders_48_and_3_hours_before():
    shift = make_bookable(starts_in=timedelta(days=5))
    pending = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking

    booking.confirm(pending.pk)

    rows = OutboxMessage.objects.filter(purpose="booking_reminder").order_by("due_at")
    assert [shift.starts_at - r.due_at for r in rows] == [
        timedelta(hours=48),
        timedelta(hours=3),
    ]


def test_reminders_already_past_are_not_scheduled():
    shift = make_bookable(starts_in=timedelta(hours=10))
    pending = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking

    booking.confirm(pending.pk)

    rows = OutboxMessage.objects.filter(purpose="booking_reminder")
    assert [shift.starts_at - r.due_at for r in rows] == [timedelta(hours=3)]


def test_a_bookable_can_set_its_own_reminder_times():
    shift = make_bookable(starts_in=timedelta(days=5), reminder_hours="24, 1")
    booking.confirm(booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking.pk)

    offsets = {
        shift.starts_at - r.due_at for r in OutboxMessage.objects.filter(purpose="booking_reminder")
    }

    assert offsets == {timedelta(hours=24), timedelta(hours=1)}


def test_cancelling_withdraws_pending_reminders():
    shift = make_bookable(starts_in=timedelta(days=5))
    pending = booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking
    booking.confirm(pending.pk)

    booking.cancel(pending.pk)

    statuses = set(
        OutboxMessage.objects.filter(purpose="booking_reminder").values_list("status", flat=True)
    )
    assert statuses == {Status.CANCELLED}


def test_a_reminder_is_never_sent_after_the_start():
    shift = make_bookable(starts_in=timedelta(days=5))
    booking.confirm(booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking.pk)
    deliver()  # the confirmation mails
    django_mail.outbox.clear()

    rows = deliver(now=shift.starts_at + timedelta(minutes=1))

    assert {row.status for row in rows} == {Status.SKIPPED}
    assert django_mail.outbox == []


def test_attendee_reminders_default_to_a_day_and_an_hour_and_follow_the_page():
    event = workshop(registration_reminder_hours="48")
    outcome = registrations.sign_up(
        event, registrations.meeting(event), name="Ana", email="ana@example.org"
    )
    booking.confirm(outcome.booking.pk)
    rows = OutboxMessage.objects.filter(booking=outcome.booking, purpose="booking_reminder")
    assert [outcome.booking.bookable.starts_at - row.due_at for row in rows] == [
        timedelta(hours=48)
    ]

    plain = workshop(slug="plain")
    registration = registrations.registration_for(plain, registrations.meeting(plain))
    assert reminders.reminder_offsets(registration) == [
        timedelta(hours=24),
        timedelta(hours=1),
    ]


def scheduled_reminders(bookable):
    rows = OutboxMessage.objects.filter(
        booking__bookable=bookable, purpose="booking_reminder", status=Status.SCHEDULED
    )
    return sorted((row.due_at, row.schedule_version) for row in rows)


def test_a_later_start_moves_the_reminders_and_withdraws_the_old_ones():
    shift = make_bookable(starts_in=timedelta(days=5))
    booking.confirm(booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking.pk)
    shift.starts_at += timedelta(days=1)
    shift.ends_at += timedelta(days=1)

    assert booking.update_published(shift, capacity=shift.capacity) is True

    assert scheduled_reminders(shift) == [
        (shift.starts_at - timedelta(hours=48), 1),
        (shift.starts_at - timedelta(hours=3), 1),
    ]
    old = OutboxMessage.objects.filter(purpose="booking_reminder", schedule_version=0)
    assert set(old.values_list("status", flat=True)) == {Status.CANCELLED}


def test_a_change_that_is_not_material_leaves_the_reminders_alone():
    shift = make_bookable(starts_in=timedelta(days=5))
    booking.confirm(booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking.pk)
    before = scheduled_reminders(shift)
    shift.title = "Front desk"

    assert booking.update_published(shift, capacity=shift.capacity) is False

    assert scheduled_reminders(shift) == before


def test_calling_it_off_withdraws_every_reminder():
    shift = make_bookable(starts_in=timedelta(days=5))
    booking.confirm(booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking.pk)

    booking.withdraw_all(shift.pk)

    assert scheduled_reminders(shift) == []
