"""axe-core over the demo site's main pages, at phone and desktop widths.

One test loads the whole demo once (it takes seconds) and visits every page in both
widths, so a failure lists every page with a serious or critical finding at once.
Screenshots of each page go to tests/e2e/screenshots/ for a person to look at.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking, links
from events.models import Bookable, CampaignPage, EventIndexPage, EventPage, VolunteeringPage
from home.models import ContentPage, StoryIndexPage, StoryPage
from tests.support.browser import DESKTOP, PHONE, describe, screenshot, serious_violations
from tests.support.wagtail_tree import ensure_base_tree


def demo_urls():
    """Paths of the pages people use, taken from the demo content."""
    events = EventIndexPage.objects.live().first()
    recurring = EventPage.objects.live().exclude(rrule="").first()
    start = timezone.now() + timedelta(days=10)
    bookable = Bookable.objects.create(
        title="Welcome desk", starts_at=start, ends_at=start + timedelta(hours=3), capacity=4
    )
    held = booking.sign_up(bookable.pk, name="Sam", email="sam@example.org").booking
    return {
        "home": "/",
        "story-index": StoryIndexPage.objects.live().first().url,
        "story": StoryPage.objects.live().first().url,
        "campaign": CampaignPage.objects.live().first().url,
        "events-list": events.url,
        "month": events.url + "month/",
        "event": recurring.url,
        "occurrence": recurring.url + f"occurrences/{recurring.occurrences.first().key}/",
        "volunteer": VolunteeringPage.objects.live().first().url,
        "search": reverse("home:search") + "?q=walk",
        "search-empty": reverse("home:search") + "?q=nothing-matches-this",
        "subscribe": reverse("events:subscribe"),
        "embed-events": reverse("events:embed_events"),
        "embed-month": reverse("events:embed_month"),
        "share-story": reverse("home:share_story"),
        "resend-links": reverse("events:resend_links"),
        "manage": reverse("events:my_bookings", args=[links.manage_token(held.person)]),
        "confirm": reverse("events:booking_confirm", args=[links.booking_token(held)]),
        **{page.slug: page.url for page in ContentPage.objects.live()},
    }


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_accessibility_findings(live_server, chromium, axe):
    ensure_base_tree()
    call_command("load_demo", stdout=io.StringIO())
    urls = demo_urls()
    findings = {}
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
        page = context.new_page()
        for name, path in urls.items():
            page.goto(live_server.url + path)
            violations = serious_violations(axe.run(page))
            screenshot(page, name)
            if violations:
                findings[f"{name} at {viewport['width']}px"] = describe(violations)
            # WCAG 1.4.10 reflow: nothing pushes the page sideways at 320 CSS px and up.
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                findings[f"{name} at {viewport['width']}px"] = f"page is {width}px wide"
        # A form with its errors showing: submit the links form empty.
        page.goto(live_server.url + urls["resend-links"])
        page.get_by_role("button", name="Send me my links").click()
        page.wait_for_selector(".field__error")
        violations = serious_violations(axe.run(page))
        screenshot(page, "resend-links-errors")
        if violations:
            findings[f"form errors at {viewport['width']}px"] = describe(violations)
        context.close()

    assert findings == {}, "\n".join(f"{page}: {text}" for page, text in findings.items())
