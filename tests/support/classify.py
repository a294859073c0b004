"""Which tests are `slow` and which are `serial` by nature (tests/conftest.py applies it).

`slow` is about the inner loop: the test takes seconds, not milliseconds, so
`make test-fast` leaves it out. `serial` is about sharing the machine: the test cannot
run beside others, so `make test` runs it alone after the parallel part
(tests/support/suite_parts.py). Every serial test is slow too.

What a test is, not how long it took once, decides here; a test that is slow for a
reason of its own says so with ``pytest.mark.slow(reason=...)`` in its module, and
tests/support/slow_report.py lists the unmarked ones a run found slow.
"""

# Markers that make a test slow: it starts a process (a Celery worker, a redis-server) or
# drives a browser, or it was marked serial.
SLOW_MARKERS = ("worker", "redis_server", "browser", "serial")

# Fixtures that make a test slow, and why.
SLOW_FIXTURES = {
    # Chromium starts per module; each page is drawn, screenshotted or scanned by axe.
    "chromium": "drives Chromium",
    # A copy of the demo database per module (or per test), pages rendered from it.
    "demo_for_module": "reads the demo database",
    "demo_committed": "copies the demo database for a live server",
    # A server thread, and a transactional test whose teardown empties every table.
    "live_server": "serves pages from a live server",
    # Every public page of the demo rendered, then read by an outside checker.
    "rendered_pages": "renders every public page of the demo for a checker",
}

# Markers and fixtures that make a test serial: they cannot share the machine.
SERIAL_MARKERS = (
    # The private redis-server is stopped and restarted on its port during the test.
    "redis_server",
    # Chromium's screenshots and golden pages, timed waits in a headless browser.
    "browser",
)
SERIAL_FIXTURES = ("chromium",)


def _has_marker(item, name):
    return item.get_closest_marker(name) is not None


def _fixtures(item):
    return getattr(item, "fixturenames", ())


def _is_hypothesis_test(item):
    # A Hypothesis test whose @given is on the test itself. One nested inside a test's
    # body cannot be seen from here: such files say `pytestmark = pytest.mark.slow`.
    return getattr(getattr(item, "obj", None), "is_hypothesis_test", False)


def serial_reason(item):
    """Why ``item`` must run alone, or None."""
    for name in SERIAL_MARKERS:
        if _has_marker(item, name):
            return f"marked {name}"
    for name in SERIAL_FIXTURES:
        # tests/e2e/conftest.py marks its items `browser` in a hook that may run after
        # ours; the fixture they all need says the same thing now.
        if name in _fixtures(item):
            return f"uses {name}"
    return None


def slow_reason(item):
    """Why ``item`` is slow by nature, or None."""
    for name in SLOW_MARKERS:
        if _has_marker(item, name):
            return f"marked {name}"
    fixtures = _fixtures(item)
    for name, why in SLOW_FIXTURES.items():
        if name in fixtures:
            return why
    if _is_hypothesis_test(item):
        return "fuzzes with Hypothesis"
    return serial_reason(item)


def classify(items, mark):
    """Add `serial` and `slow` to the items that are so by nature.

    ``mark(name)`` gives the marker to add (pytest.mark.<name>), kept out of here so the
    rules can be tested with plain objects.
    """
    for item in items:
        if not _has_marker(item, "serial") and serial_reason(item):
            item.add_marker(mark("serial"))
        if not _has_marker(item, "slow") and slow_reason(item):
            item.add_marker(mark("slow"))
