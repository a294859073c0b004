"""The campaign most bookings tests run in and its shift ten days ahead (``campaign`` and
``shift`` in tests/events/bookings/conftest.py)."""

from datetime import timedelta

from django.utils import timezone

from events.models import Shift
from tests.events import factories
from tests.events.bookings.helpers.admin import book


def this_months_campaign():
    """A campaign that started three days ago and runs for another month."""
    today = timezone.localdate()
    return factories.campaign(
        start_date=today - timedelta(days=3), end_date=today + timedelta(days=30)
    )


def fair_shift(campaign):
    """Ten days ahead: Zanele confirmed (with access needs), Yusuf waiting for his link."""
    event = factories.event(
        campaign=campaign,
        title="Spring wellbeing fair",
        start_date=timezone.localdate() + timedelta(days=10),
        shifts=[factories.shift()],
    )
    shift = Shift.objects.get(event=event)
    book(shift, "Zanele", access_needs="Step-free route, please", phone="07700 900123")
    book(shift, "Yusuf", confirm=False)
    return shift
