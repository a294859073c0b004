"""The campaign most bookings tests run in its shift ten days ahead and yesterday's
(``campaign``, ``shift`` and ``started_shift`` in tests/events/bookings/conftest.py)."""

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


def walk_shift(campaign):
    """Yesterday's shift: Xiomara confirmed, Wendell on the waiting list."""
    event = factories.event(
        campaign=campaign,
        title="Recovery walk",
        slug="walk",
        start_date=timezone.localdate() - timedelta(days=1),
        shifts=[factories.shift(role="Marshal", capacity=1)],
    )
    shift = Shift.objects.get(event=event)
    book(shift, "Xiomara")
    book(shift, "Wendell", confirm=False)
    return shift


def fair_and_walk():
    """This month's campaign with both shifts above (the conftest's ``campaign``, ``shift``
    and ``started_shift``), for a module that builds them once with ``module_rows``."""
    campaign = this_months_campaign()
    return {
        "campaign": campaign,
        "shift": fair_shift(campaign),
        "started_shift": walk_shift(campaign),
    }
