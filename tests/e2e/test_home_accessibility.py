"""The home page in a real browser, at phone and desktop widths."""

import pytest

from home import demo
from tests.support.browser import describe, screenshot, serious_violations
from tests.support.wagtail_tree import ensure_base_tree


@pytest.fixture
def site(live_server):
    ensure_base_tree()
    # Wagtail serves the default site for any host name, so the live server's port is fine.
    demo.load_site(log=lambda message: None)
    return live_server


def test_home_page_has_no_serious_accessibility_findings(site, page, axe):
    page.goto(site.url + "/")

    results = axe.run(page)

    screenshot(page, "home")
    violations = serious_violations(results)
    assert violations == [], describe(violations)


def test_skip_link_is_first_and_moves_focus_to_the_main_content(site, page):
    page.goto(site.url + "/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    assert skip.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main-content"


def test_page_has_one_h1_and_the_expected_landmarks(site, page):
    page.goto(site.url + "/")

    assert page.locator("h1").count() == 1
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("navigation", name="Main").count() == 1


def test_focus_is_visible_on_links(site, page):
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
