"""An event with one volunteer shift, and its public sign-up form."""

from datetime import time, timedelta

from django.utils import timezone

from events.models import Shift
from tests.events import factories


def soon(days=10):
    return timezone.localdate() + timedelta(days=days)


def event_with_shift(**shift_fields):
    shift = {
        "role": "Welcome desk",
        "start_time": time(9, 30),
        "end_time": time(12, 0),
        "capacity": 2,
        "requirements": "I am 18 or over",
    }
    shift.update(shift_fields)
    event = factories.event(title="Spring wellbeing fair", start_date=soon(), shifts=[shift])
    return event, Shift.objects.get(event=event, role=shift["role"])


def signup_url(event, shift):
    return event.url + event.reverse_subpage("shift_signup", kwargs={"shift_id": shift.pk})


def form_data(**overrides):
    data = {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "phone": "",
        "access_needs": "",
        "requirement_0": "on",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
