"""At the door on a phone (375 px, touch): a coordinator checks in three volunteers and a
walk-in, by keyboard and by touch; a tap that fails offline says so and works when
tapped again; axe finds nothing on the check-in page."""

import re
from datetime import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from events.bookings.services import booking as booking_service
from events.models import Booking, Shift
from tests.events import factories
from tests.support.browser import PHONE, describe
from tests.support.wagtail_tree import ensure_base_tree

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "door-pw-for-tests-1"


@pytest.fixture
def door(live_server):
    ensure_base_tree()
    event = factories.event(
        title="Open day",
        slug="open-day",
        start_date=timezone.localdate(),
        start_time=time(0, 0),
        end_time=time(23, 59),
        shifts=[
            factories.shift(role="Door", start_time=time(0, 0), end_time=time(23, 59), capacity=6)
        ],
    )
    shift = Shift.objects.get(event=event)
    for name in ("Amara", "Bongani", "Cleo"):
        booking_service.add_by_hand(shift.pk, name=name, email=f"{name.lower()}@example.org")
    user = get_user_model().objects.create_user("cora", "cora@example.org", PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="view_volunteer_details"),
    )
    return shift


def check_in(page, name):
    # The button reads "Check in"; its accessible name adds whose it is.
    return page.get_by_role("button", name=re.compile(rf"^Check in\W+{name}$"))


def test_coordinator_checks_in_three_volunteers_and_a_walk_in(live_server, browsers, door, axe):
    page = browsers.open(viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(live_server.url + "/admin/tapestry/checkin/")
    page.get_by_role("link", name="Door: Open day").tap()
    page.wait_for_url(f"**/checkin/shifts/{door.pk}/")
    status = page.get_by_role("status", name="Last tap")

    # Keyboard: focus the button and press Enter.
    check_in(page, "Amara").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Amara is checked in.")

    # Touch, with the connection gone: the tap says it failed; tapped again, it works.
    page.context.set_offline(True)
    check_in(page, "Bongani").tap()
    expect(status).to_have_attribute("data-state", "error")
    expect(status).to_contain_text("Not saved for Bongani")
    page.context.set_offline(False)
    check_in(page, "Bongani").tap()
    expect(status).to_have_text("Bongani is checked in.")

    # Search narrows the list as the name is typed.
    page.get_by_label("Search by name").fill("cle")
    expect(check_in(page, "Amara")).to_be_hidden()
    check_in(page, "Cleo").tap()
    expect(status).to_have_text("Cleo is checked in.")
    expect(page.locator('[data-count="arrived"]')).to_have_text("3")

    # A walk-in in a few taps.
    page.get_by_role("textbox", name=re.compile(r"^Name")).fill("Dara")
    page.get_by_role("textbox", name=re.compile(r"^Email")).fill("dara@example.org")
    page.get_by_role("button", name="Add and check in").tap()
    expect(page.get_by_text("Dara is booked and checked in.")).to_be_visible()
    expect(page.locator('[data-count="arrived"]')).to_have_text("4")

    attended = Booking.objects.filter(bookable_id=door.pk, attendance="attended")
    assert sorted(attended.values_list("person__name", flat=True)) == [
        "Amara",
        "Bongani",
        "Cleo",
        "Dara",
    ]
    # No horizontal scrolling at 375 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Wagtail's message banner fades in: scan it as people read it, not mid-animation.
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    results = axe.run(page)
    violations = results.response["violations"]
    assert violations == [], describe(violations)
    assert browsers.outside == []
