"""The shift page's header and roster table: Wagtail's header buttons, a table whose
columns stay reachable on a phone, and attendance actions on one line."""

import re

import pytest

from tests.events.bookings.helpers.admin import booking_of, text, url
from tests.events.bookings.helpers.campaign import fair_and_walk
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

# This month's campaign with its shift ten days ahead and yesterday's walk
# (tests/events/bookings/conftest.py), built once for the module: each test reads its own
# copies and its writes are undone. Each test reads the roster of one shift.
fair_rows = module_rows(fair_and_walk)


@pytest.fixture
def shift(fair_rows, db):
    return fresh(fair_rows["shift"])


@pytest.fixture
def started_shift(fair_rows, db):
    return fresh(fair_rows["started_shift"])


def test_header_buttons_use_wagtails_header_button_classes(client, coordinator, shift):
    html = text(client.get(url("shift_roster", shift.pk)))

    for target in (url("shift_add", shift.pk), url("shift_message", shift.pk)):
        link = re.search(rf'<a [^>]*href="{re.escape(target)}"[^>]*>', html).group(0)
        assert "w-header-button" in link and "button" in link.split('class="')[1]


def test_roster_table_scrolls_inside_a_labelled_focusable_region(client, coordinator, shift):
    html = text(client.get(url("shift_roster", shift.pk)))

    region = re.search(r'<div class="tapestry-scroll"[^>]*>\s*<table', html)
    assert region, "the table is wrapped in its own scrolling box"
    assert 'tabindex="0"' in region.group(0) and 'role="region"' in region.group(0)
    assert "aria-label=" in region.group(0)
    # The stylesheet that makes it scroll is on every admin page (no inline styles).
    assert "events/admin.css" in html
    assert "visuallyhidden" not in html


def test_recorded_attendance_offers_one_undo_not_a_ragged_stack(client, coordinator, started_shift):
    cai = booking_of(started_shift, "Xiomara")
    before = text(client.get(url("shift_roster", started_shift.pk)))
    assert re.findall(r'name="attendance" value="(\w*)"', before) == ["attended", "no_show"]

    client.post(url("shift_attendance", started_shift.pk, cai.pk), {"attendance": "attended"})
    after = text(client.get(url("shift_roster", started_shift.pk)))

    assert re.findall(r'name="attendance" value="(\w*)"', after) == [""]
    assert "Undo" in after and "Clear" not in after
    assert 'class="tapestry-actions"' in after
