"""The roles the volunteering filter offers are read once and kept under the editorial
stamp until the clock could change them (issue 25): a shift leaves the list when its
sign-up closes and joins it when its sign-up opens, and the daily sync that adds a
repeating event's new meetings' shifts is an editorial change like a publish."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from events.bookings.services import shifts, volunteering
from events.calendar.services import occurrences
from events.core.services import editorial_stamp
from events.models import Shift
from tests.events import factories
from tests.events.bookings.helpers.repeating import circle, meeting_shifts
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
STARTS = datetime(2027, 5, 2, 8, 0, tzinfo=UTC)


def _build_walk():
    index = factories.site_with_index()
    return factories.event(index, title="Opening walk", slug="walk", start_date=date(2027, 5, 2))


# The walk, without shifts (each test adds its own), built once for the module: each test
# reads its own copy and its shifts are undone.
walk_rows = module_rows(_build_walk)


@pytest.fixture
def walk(walk_rows, db):
    return fresh(walk_rows)


@pytest.fixture
def read(monkeypatch):
    """Each time the roles were read from the database (not taken from the cache)."""
    return watch_calls(monkeypatch, volunteering, "_read_roles")


def add_shift(event, role, **fields):
    values = {"starts_at": STARTS, "ends_at": STARTS + timedelta(hours=2), **fields}
    Shift.objects.create(event=event, uid=uuid.uuid4(), role=role, title=role, capacity=2, **values)
    editorial_stamp.renew()  # as publishing does: a new shift row is an editorial change


def test_roles_are_read_once_while_nothing_changes(walk, read):
    add_shift(walk, "Walk leader")

    first = volunteering.roles(now=NOW)
    again = volunteering.roles(now=NOW + timedelta(minutes=5))

    assert first == again == ["Walk leader"]
    assert len(read) == 1


def test_a_publish_offers_a_new_role_at_once(walk, read):
    add_shift(walk, "Walk leader")
    volunteering.roles(now=NOW)

    add_shift(walk, "Tea helper")

    assert volunteering.roles(now=NOW) == ["Tea helper", "Walk leader"]
    assert len(read) == 2


def test_a_role_leaves_when_its_sign_up_closes(walk, read):
    closes = NOW + timedelta(days=3)
    add_shift(walk, "Walk leader")
    add_shift(walk, "Early bird", closes_at=closes)

    assert volunteering.roles(now=closes - timedelta(seconds=1)) == ["Early bird", "Walk leader"]
    assert volunteering.roles(now=closes) == ["Walk leader"]
    assert len(read) == 2


def test_a_role_joins_when_its_sign_up_opens(walk, read):
    opens = NOW + timedelta(days=3)
    add_shift(walk, "Walk leader")
    add_shift(walk, "Late bird", opens_at=opens)

    assert volunteering.roles(now=opens - timedelta(seconds=1)) == ["Walk leader"]
    assert volunteering.roles(now=opens) == ["Late bird", "Walk leader"]
    assert len(read) == 2


def test_a_role_leaves_when_its_shift_starts(walk, read):
    later = STARTS + timedelta(days=30)
    add_shift(walk, "Walk leader", starts_at=later, ends_at=later + timedelta(hours=2))
    add_shift(walk, "Soon")

    assert volunteering.roles(now=STARTS - timedelta(seconds=1)) == ["Soon", "Walk leader"]
    assert volunteering.roles(now=STARTS) == ["Walk leader"]


def test_an_earlier_moment_is_not_answered_from_a_later_one(walk):
    """A value kept at a later moment may lack a shift whose sign-up had not yet closed."""
    closes = NOW + timedelta(days=3)
    add_shift(walk, "Walk leader")
    add_shift(walk, "Early bird", closes_at=closes)

    assert volunteering.roles(now=closes) == ["Walk leader"]
    assert volunteering.roles(now=NOW) == ["Early bird", "Walk leader"]


def test_the_daily_sync_of_repeating_shifts_is_an_editorial_change(settings):
    """New meetings' shifts come from the daily sync, not from a publish: it replaces the
    editorial stamp, so the kept roles (and every kept section) are read again."""
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 20
    event = circle(weeks=None, repeat_count=None)
    later = timezone.now() + timedelta(days=14)
    occurrences.refresh_event(event, now=later)
    before = editorial_stamp.current()

    shifts.sync_repeating(now=later)

    assert len(meeting_shifts(event)) == 4
    assert editorial_stamp.current() != before
