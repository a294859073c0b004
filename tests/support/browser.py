"""Headless Chromium for browser tests: Debian's build, driven by Playwright."""

import os
import re
import shutil
from pathlib import Path

from django.conf import settings

# Without these, Chromium keeps trying to reach outside services this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "tests" / "e2e" / "screenshots"


def chromium_path():
    """Debian's Chromium, or CHROMIUM_PATH; None when neither is installed."""
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    return candidate if candidate and os.access(candidate, os.X_OK) else None


def chromium_missing_reason():
    if chromium_path():
        return None
    return "needs Chromium: install Debian's `chromium` package or set CHROMIUM_PATH"


def serious_violations(axe_results):
    """axe findings a person would be blocked by: impact serious or critical."""
    return [
        violation
        for violation in axe_results.response["violations"]
        if violation.get("impact") in {"serious", "critical"}
    ]


def describe(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


def stay_local(context, base_url, outside=None):
    """Let the browser reach only the site under test; returns the list (``outside``, or a
    new one) of URLs it tried elsewhere and was refused, so a test can assert that its
    pages call out to nobody. Only those requests are intercepted: the site's own go
    straight through."""
    outside = [] if outside is None else outside
    elsewhere = re.compile(r"^(?!" + re.escape(base_url + "/") + r"|data:|blob:)")

    def refuse(route):
        outside.append(route.request.url)
        route.abort()

    context.route(elsewhere, refuse)
    return outside


def screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SCREENSHOT_DIR / f"{name}-{width}.png", full_page=True)
