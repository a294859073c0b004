"""Fixtures shared by the bookings tests: a campaign with a shift ten days ahead and one
that started yesterday, and a logged-in volunteer coordinator."""

import pytest

from tests.events.bookings.helpers.admin import login
from tests.events.bookings.helpers.campaign import fair_shift, this_months_campaign, walk_shift


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
    return walk_shift(campaign)


@pytest.fixture
def coordinator(client, django_user_model):
    return login(client, django_user_model, "coordinator")
