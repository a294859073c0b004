"""Registrations in the attendee admin's tests: people registered a week ahead, this month's
workshop with two places and yesterday's talk without a limit."""

from datetime import timedelta

from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.bookings.services import registrations
from events.models import Booking, Registration
from tests.events import factories

Status = Booking.Status


def register(event, name, *, confirm=True, **fields):
    """Registered a week before the event, while registration was open."""
    occurrence = registrations.meeting(event)
    now = occurrence.start - timedelta(days=7)
    outcome = registrations.sign_up(
        event, occurrence, name=name, email=f"{name.lower()}@example.org", now=now, **fields
    )
    if confirm and outcome.booking.status == Status.PENDING:
        booking_service.confirm(outcome.booking.pk, now=now)
    return Booking.objects.get(pk=outcome.booking.pk)


def breathing_workshop(campaign):
    """Ten days ahead, two places: Olu confirmed (with access needs), Pita unconfirmed."""
    event = factories.event(
        campaign=campaign,
        title="Calm breathing workshop",
        slug="breathing",
        start_date=timezone.localdate() + timedelta(days=10),
        registration_mode="open",
        registration_capacity=2,
    )
    register(event, "Olu", access_needs="Hearing loop, please", how_heard="poster")
    register(event, "Pita", confirm=False, how_heard="friend")
    return Registration.objects.get(event=event)


def evening_talk(campaign):
    """Yesterday's talk with no limit on places: Quilla confirmed."""
    event = factories.event(
        campaign=campaign,
        title="Evening talk",
        slug="talk",
        start_date=timezone.localdate() - timedelta(days=1),
        registration_mode="open",
    )
    register(event, "Quilla")
    return Registration.objects.get(event=event)
