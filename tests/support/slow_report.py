"""A guard that keeps the `slow` marker honest: after the run, list (never fail) the tests
not marked slow that took longer than a threshold, setup and teardown included.

`make test-fast` stays fast only while what takes seconds is marked `slow` (by nature in
tests/support/classify.py, or by hand with a reason). A new test on the demo or one that
grew slow shows up in this list of the run that let it through. ``--slow-report=0``
turns the list off. Under pytest-xdist the reports reach the controlling process, which
prints the list; a test's own keywords say whether it was marked.
"""

import pytest

DEFAULT_THRESHOLD = 2.0  # seconds; the marker says "takes seconds, not milliseconds"
TITLE = "tests not marked slow that took more than {threshold:g} s (mark them, with a reason)"


def add_option(parser):
    parser.addoption(
        "--slow-report",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="SECONDS",
        help="list tests not marked slow that took longer than this (0: off)",
    )


def over_threshold(durations, threshold):
    """(seconds, test id) for each test above ``threshold``, slowest first."""
    if threshold <= 0:
        return []
    slow = [(seconds, nodeid) for nodeid, seconds in durations.items() if seconds > threshold]
    return sorted(slow, key=lambda pair: (-pair[0], pair[1]))


class SlowReport:
    """Adds up each unmarked test's phases and prints those over the threshold."""

    def __init__(self, threshold):
        self.threshold = threshold
        self.durations = {}

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report):
        if "slow" in report.keywords:
            return
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter):
        found = over_threshold(self.durations, self.threshold)
        if not found:
            return
        terminalreporter.write_sep("=", TITLE.format(threshold=self.threshold), yellow=True)
        for seconds, nodeid in found:
            terminalreporter.write_line(f"{seconds:7.2f}s {nodeid}")


def register(config):
    """Install the report unless it is off, or this is an xdist worker (the controller
    gets every worker's reports and prints one list)."""
    threshold = config.getoption("--slow-report")
    if threshold > 0 and not hasattr(config, "workerinput"):
        config.pluginmanager.register(SlowReport(threshold), "tapestry-slow-report")
