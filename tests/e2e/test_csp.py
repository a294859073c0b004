"""The Content Security Policy in a real browser: the admin's page editor and the public
pages must work under it, so Chromium must report no violation while they load."""

import pytest
from django.contrib.auth import get_user_model

from events.models import EventPage
from home.models import StoryPage
from tests.support.browser import DESKTOP
from tests.support.demo_pages import demo_urls

PASSWORD = "a-long-test-password-for-csp"


def watch_csp(page):
    """Collect every CSP complaint Chromium makes: console errors and violation events."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy violation: ' + e.violatedDirective"
        " + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"
    )
    return seen


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")


@pytest.fixture
def demo_site(demo_committed):
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)


def test_admin_page_editor_raises_no_csp_violation(demo_site, live_server, chromium):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    complaints = watch_csp(page)
    log_in(page, live_server.url, "csp-admin")
    story = StoryPage.objects.live().first()
    event = EventPage.objects.live().first()
    for path in (
        f"/admin/pages/{story.pk}/edit/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/add/home/storypage/{story.get_parent().pk}/",
        "/admin/images/",
        "/admin/snippets/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # The editor's live preview renders the public page inside the admin.
    page.goto(live_server.url + f"/admin/pages/{story.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.wait_for_selector("iframe#w-preview-iframe")
    page.wait_for_load_state("networkidle")
    # An image chooser opens in a modal made by script.
    page.goto(live_server.url + f"/admin/pages/{story.pk}/edit/")
    page.locator("[data-chooser-action-choose]").first.click()
    page.wait_for_selector(".modal-dialog")
    page.wait_for_load_state("networkidle")
    context.close()
    assert complaints == [], "\n".join(sorted(set(complaints)))


def test_public_pages_raise_no_csp_violation_even_for_a_signed_in_editor(
    demo_site, live_server, chromium
):
    urls = demo_urls()
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    complaints = watch_csp(page)
    for path in urls.values():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # Signed in, public pages carry Wagtail's user bar.
    log_in(page, live_server.url, "csp-admin")
    for name in ("home", "story", "event"):
        page.goto(live_server.url + urls[name])
        page.wait_for_load_state("networkidle")
    context.close()
    assert complaints == [], "\n".join(sorted(set(complaints)))
