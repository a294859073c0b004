"""Fixtures shared by the bookings tests: a campaign with a shift ten days ahead and one
that started yesterday, and a logged-in volunteer coordinator."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Shift
from tests.events import factories
from tests.events.bookings.helpers.admin import book, login
from tests.events.bookings.helpers.campaign import fair_shift, this_months_campaign


@pytest.fixture
def campaign():
    return this_months_campaign()


@pytest.fixture
def shift(campaign):
    """Ten days ahead: Zanele confirmed (with access needs), Yusuf waiting for his link."""
    return fair_shift(campaign)


@pytest.fixture
def started_shift(campaign):
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


@pytest.fixture
def coordinator(client, django_user_model):
    return login(client, django_user_model, "coordinator")
