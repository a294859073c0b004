"""Fairs with shifts on 8 May 2027 and bookings made at a fixed time, for the roster rules'
tests (test_roster.py, test_roster_overview.py)."""

from datetime import UTC, date, datetime

from events.bookings.services import booking as booking_service
from events.models import Booking
from tests.events import factories

Status = Booking.Status

NOW = datetime(2027, 4, 1, 9, 0, tzinfo=UTC)
# 09:30 on 8 May 2027 in London (BST) is 08:30 UTC.
SHIFT_START = datetime(2027, 5, 8, 8, 30, tzinfo=UTC)


def desk(**fields):
    return factories.shift(**{"capacity": 4, **fields})


def fair(shifts, campaign=None, **fields):
    values = {"title": "Spring wellbeing fair", "start_date": date(2027, 5, 8), "shifts": shifts}
    if campaign is not None:
        values["campaign"] = campaign
    values.update(fields)
    return factories.event(**values)


def book(shift, email, *, confirm=True, now=NOW, **fields):
    outcome = booking_service.sign_up(
        shift.pk,
        name=email.split("@")[0].capitalize(),
        email=email,
        confirmations=shift.requirement_list,
        now=now,
        **fields,
    )
    if confirm and outcome.booking.status == Status.PENDING:
        booking_service.confirm(outcome.booking.pk, now=now)
    return Booking.objects.get(pk=outcome.booking.pk)
