"""Events people register to attend, and the public registration form."""

from datetime import time, timedelta

from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.models import Booking
from tests.events import factories

LINK = "https://meet.example/private-room-2290"


def soon(days=10):
    return timezone.localdate() + timedelta(days=days)


def workshop(**fields):
    values = {
        "title": "Calm breathing workshop",
        "start_date": soon(),
        "registration_mode": "open",
        "registration_capacity": 2,
    }
    values.update(fields)
    return factories.event(**values)


def group(**fields):
    start = soon(3)
    values = {
        "title": "Tuesday circle",
        "slug": "tuesday-circle",
        "start_date": start,
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "repeat": "WEEKLY",
        "repeat_weekdays": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        "repeat_count": 8,
        "attendance_mode": "hybrid",
        "join_url": LINK,
        "join_link_after_registration": True,
        "address_after_registration": True,
        "registration_mode": "open",
        "registration_capacity": 6,
    }
    values.update(fields)
    return factories.event(**values)


def form_data(**overrides):
    data = {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "access_needs": "",
        "how_heard": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register_url(event, key=None):
    if key:
        return event.url + event.reverse_subpage("occurrence_register_view", kwargs={"key": key})
    return event.url + event.reverse_subpage("register_view")


def confirm_latest(email):
    """Confirm the latest booking of ``email`` (as its emailed link does); returns it."""
    booking = Booking.objects.filter(person__email=email).latest("created_at")
    booking_service.confirm(booking.pk)
    booking.refresh_from_db()
    return booking
