"""Printing an event page: the stylesheet's print rules drop the sign-up buttons, forms and
navigation, and the read-only "link to this page" box is printed as text that wraps."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from tests.events import factories
from tests.support.browser import DESKTOP
from tests.support.wagtail_tree import ensure_base_tree

pytestmark = pytest.mark.django_db(transaction=True)

DISPLAY = "selector => getComputedStyle(document.querySelector(selector)).display"


@pytest.fixture
def event_page(live_server, chromium):
    ensure_base_tree()
    event = factories.event(
        title="Spring wellbeing fair",
        start_date=timezone.localdate() + timedelta(days=12),
        shifts=[{"role": "Welcome desk", "start_time": time(9, 30), "end_time": time(12, 0)}],
    )
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + event.url)
    yield page
    context.close()


def test_screen_shows_sign_up_button_and_styled_address_box(event_page):
    event_page.emulate_media(media="screen")
    assert event_page.evaluate(DISPLAY, ".shift a.button") != "none"
    assert event_page.evaluate(DISPLAY, "#share-link") != "none"
    assert event_page.evaluate(DISPLAY, ".address-box__print") == "none"
    background = event_page.evaluate(
        "getComputedStyle(document.querySelector('#share-link')).backgroundColor"
    )
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_print_hides_sign_up_buttons_forms_and_navigation(event_page):
    links = event_page.evaluate("[...document.styleSheets].filter(s => s.href).map(s => s.href)")
    assert any(href.endswith("css/tapestry.css") for href in links)
    event_page.emulate_media(media="print")
    for selector in (".shift a.button", ".site-header nav", "form.site-search", "#share-link"):
        if event_page.query_selector(selector):
            assert event_page.evaluate(DISPLAY, selector) == "none", selector
    assert event_page.query_selector(".shift a.button")


def test_printed_address_wraps_instead_of_being_cut_off(event_page):
    event_page.emulate_media(media="print")
    # Narrower than the address is long, as on a phone-sized sheet.
    event_page.set_viewport_size({"width": 300, "height": 800})
    box = ".address-box__print"
    assert event_page.evaluate(DISPLAY, box) == "block"
    text = event_page.inner_text(box)
    assert text.startswith("http")
    fits = event_page.evaluate(
        "selector => { const el = document.querySelector(selector);"
        " return el.scrollWidth <= el.clientWidth + 1; }",
        box,
    )
    assert fits
    lines = event_page.evaluate(
        "selector => document.querySelector(selector).getClientRects().length"
        " && Math.round(document.querySelector(selector).getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(document.querySelector(selector)).lineHeight))",
        box,
    )
    assert lines >= 2
