"""A weekly group with a volunteer shift at every meeting."""

from datetime import time, timedelta

from django.utils import timezone

from events.bookings.services import shifts
from events.models import Shift
from tests.events import factories


def circle(weeks=4, **fields):
    """A weekly group from next week, 18:30-20:00, with a welcome desk at every meeting."""
    start = timezone.localdate() + timedelta(days=7)
    values = {
        "title": "Tuesday circle",
        "slug": "tuesday-circle",
        "start_date": start,
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "repeat": "WEEKLY",
        "repeat_weekdays": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        "repeat_count": weeks,
        "shifts": [
            factories.shift(
                role="Welcome desk", start_time=time(18, 0), end_time=time(19, 0), repeats=True
            )
        ],
    }
    values.update(fields)
    return factories.event(**values)


def meeting_shifts(event):
    return list(Shift.objects.current().filter(event=event).order_by("starts_at"))


def ask_every_meeting(shift, email="zara@example.org", now=None):
    """Zara's "every meeting until I stop" from ``shift`` (not yet confirmed)."""
    return shifts.sign_up(
        shift,
        every_meeting=True,
        name="Zara",
        email=email,
        confirmations=shift.requirement_list,
        now=now or timezone.now(),
    )
