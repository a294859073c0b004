"""Fixtures for "add your event": a site with an events index, a campaign, kinds, a
moderator and a trusted partner."""

import pytest
from django.core.cache import cache

from tests.events import factories
from tests.events.submissions.support import moderator_mo, trusted_partner
from tests.support.wagtail_tree import ensure_editorial_roles


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """One test's rate-limit counts never reach another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(db):
    ensure_editorial_roles()
    return factories.site_with_index()


@pytest.fixture
def campaign(index):
    return factories.campaign(index)


@pytest.fixture
def workshop(db):
    return factories.kind("Workshop")


@pytest.fixture
def support_kind(db):
    return factories.kind("Support group meeting", slug="support-group")


@pytest.fixture
def moderator(index):
    return moderator_mo()


@pytest.fixture
def library(campaign):
    return trusted_partner(campaign)
