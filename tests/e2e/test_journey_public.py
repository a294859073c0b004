"""The public journey on a phone: find an accessible event, take it home, subscribe.

A reader filters the events list by kind and step-free access, opens the one event that
fits, downloads its calendar file, then opens the subscribe page and copies the address
of the filtered feed. The keyboard does the work where a person would use it.
"""

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.events import factories
from tests.support.browser import PHONE, screenshot
from tests.support.wagtail_tree import ensure_base_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    ensure_base_tree()
    return factories.site_with_index()


@pytest.fixture
def programme(site):
    index = site
    workshop = factories.kind("Workshop")
    group = factories.kind("Support group", "support-group")
    level = factories.venue(name="Willow Hall", area="Riverside", step_free=True)
    stairs = factories.venue(name="Top Floor Studio", area="Old town", step_free=False)
    day = timezone.localdate() + timedelta(days=14)
    events = {
        "wanted": factories.event(
            index, title="Calm breathing workshop", kind=workshop, venue=level, start_date=day
        ),
        "stairs": factories.event(
            index, title="Journaling workshop", kind=workshop, venue=stairs, start_date=day
        ),
        "group": factories.event(
            index, title="Tuesday peer circle", kind=group, venue=level, start_date=day
        ),
    }
    return index, events


def feed_uids(body):
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_public_finds_a_step_free_workshop_downloads_it_and_copies_the_feed(
    live_server, browsers, programme
):
    index, events = programme
    wanted = events["wanted"]
    page = browsers.open(
        PHONE, accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )

    # 1. The events list shows all three to start with.
    page.goto(live_server.url + index.url)
    results = page.locator(".event-results")
    for event in events.values():
        expect(results.get_by_role("link", name=event.title)).to_be_visible()

    # 2. Filter with the keyboard: open the folded filters (a phone shows events first),
    # choose the kind, tick step-free access, press Enter.
    expect(page.get_by_label("Kind of event")).to_be_hidden()
    page.locator("summary", has_text="Filter events").focus()
    page.keyboard.press("Enter")
    kind = page.get_by_label("Kind of event")
    kind.focus()
    kind.select_option(label="Workshop")
    step_free = page.get_by_role("checkbox", name="Step-free access")
    step_free.focus()
    page.keyboard.press("Space")
    expect(step_free).to_be_checked()
    page.get_by_role("button", name="Show events").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=workshop**")
    assert "access=step_free" in page.url
    expect(results.get_by_role("link")).to_have_count(1)
    expect(results.get_by_role("link", name=wanted.title)).to_be_visible()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    # The filters survive the reload, so a person sees what they asked for.
    expect(page.get_by_label("Kind of event")).to_have_value("workshop")
    expect(page.get_by_role("checkbox", name="Step-free access")).to_be_checked()
    screenshot(page, "journey-public-filtered")
    filtered_list = page.url

    # 3. Open the event from the list with the keyboard.
    results.get_by_role("link", name=wanted.title).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(wanted.title)
    expect(page.locator(".access-list")).to_contain_text("Step-free access")
    screenshot(page, "journey-public-event")

    # 4. Download its calendar file; it parses and names this event.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 1
    assert str(vevents[0]["UID"]) == wanted.ical_uid
    assert str(vevents[0]["SUMMARY"]) == wanted.title

    # 5. Back on the filtered list, "How to subscribe" keeps the filters in the feed.
    page.goto(filtered_list)
    page.get_by_role("link", name="How to subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscribe to the calendar")
    address = page.get_by_label("Calendar address")
    feed_url = address.input_value()
    assert feed_url.startswith(live_server.url + "/calendar.ics?")
    assert "kind=workshop" in feed_url
    assert "access=step_free" in feed_url

    # 6. Copy the address with the keyboard; a status message says so.
    copy = page.get_by_role("button", name="Copy address")
    expect(copy).to_be_visible()
    copy.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#copy-status")).to_contain_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == feed_url
    screenshot(page, "journey-public-subscribe")

    # The copied address is a working feed of exactly what the list showed.
    response = page.request.get(feed_url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert feed_uids(response.body()) == {wanted.ical_uid}

    # Nothing on the way was wider than the phone's screen, or called out to anyone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert browsers.outside == []


def test_subscribe_page_without_javascript_still_offers_the_address(live_server, browsers, site):
    page = browsers.open(PHONE, java_script_enabled=False)
    page.goto(live_server.url + "/calendar/subscribe/")
    address = page.get_by_label("Calendar address")
    expect(address).to_be_visible()
    expect(address).to_have_value(live_server.url + "/calendar.ics")
    # The copy button needs a script and a clipboard; without them it stays hidden.
    expect(page.get_by_role("button", name="Copy address")).to_be_hidden()


def test_copy_button_says_so_when_the_browser_refuses_and_selects_the_address(
    live_server, browsers, site
):
    page = browsers.open(PHONE)
    page.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('not allowed'));"
    )
    page.goto(live_server.url + "/calendar/subscribe/")
    page.get_by_role("button", name="Copy address").click()

    expect(page.locator("#copy-status")).to_contain_text("Could not copy")
    address = page.get_by_label("Calendar address")
    expect(address).to_be_focused()
    selected = address.evaluate(
        "field => field.value.slice(field.selectionStart, field.selectionEnd)"
    )
    assert selected == live_server.url + "/calendar.ics"
    assert browsers.outside == []
