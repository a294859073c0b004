"""axe-core over the demo site's main pages, at phone and desktop widths, in both languages.

One test takes the whole demo (``demo_committed`` in tests/conftest.py) and visits every
page in both widths, so a failure lists every page with a serious or critical finding at once.
Screenshots of each page go to tests/e2e/screenshots/ for a person to look at.
"""

import pytest

from tests.support.browser import DESKTOP, PHONE, describe, screenshot, serious_violations
from tests.support.demo_pages import demo_urls


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_accessibility_findings(
    demo_committed, live_server, chromium, axe
):
    urls = demo_urls()
    # The same pages in Spanish (translated, or the English page marked as such), at the
    # desktop width: the markup is shared, the words and their lengths are not.
    spanish = {
        f"es-{name}": path if path.startswith("/es/") else "/es" + path
        for name, path in urls.items()
    }
    findings = {}
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
        page = context.new_page()
        visits = {**urls, **spanish} if viewport is DESKTOP else urls
        for name, path in visits.items():
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
