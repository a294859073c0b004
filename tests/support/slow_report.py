"""A guard that keeps the `slow` marker honest: after the run, list (never fail) the tests
not marked slow that took longer than a threshold, setup and teardown included.

`make test-fast` stays fast only while what takes seconds is marked `slow` (by nature in
tests/support/classify.py, or by hand with a reason). A new test on the demo or one that
grew slow shows up in this list of the run that let it through. ``--slow-report=0``
turns the list off. Under pytest-xdist the reports reach the controlling process, which
prints the list; a test's own keywords say whether it was marked.

The time the first database test of a process spends waiting for the session's database
(tests/support/db_creation.py) is not the test's: it is taken off and, when it is over
the threshold too, listed in a section of its own.
"""

import pytest

from tests.support import db_creation

DEFAULT_THRESHOLD = 2.0  # seconds; the marker says "takes seconds, not milliseconds"
TITLE = "tests not marked slow that took more than {threshold:g} s (mark them, with a reason)"
CREATION_TITLE = "test database setup over {threshold:g} s (not counted in the tests' times)"


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

    def __init__(self, threshold, this_process=db_creation.this_process):
        self.threshold = threshold
        self.durations = {}
        self.creations = {}  # process name: {"seconds", "test"}
        self.this_process = this_process  # the record of a run without xdist workers

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report):
        if "slow" in report.keywords:
            return
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        """An xdist worker finished: keep what it reported of its database setup."""
        record = getattr(node, "workeroutput", {}).get(db_creation.OUTPUT_KEY)
        if record:
            self.creations[node.workerinput["workerid"]] = record

    def _take_off_creation(self):
        creations = dict(self.creations)
        if not creations and self.this_process():
            creations["main"] = self.this_process()
        for record in creations.values():
            if record["test"] in self.durations:
                left = self.durations[record["test"]] - record["seconds"]
                self.durations[record["test"]] = max(left, 0.0)
        return creations

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter):
        creations = self._take_off_creation()
        slow_setups = sorted(
            (
                (record["seconds"], name, record["test"])
                for name, record in creations.items()
                if record["seconds"] > self.threshold
            ),
            key=lambda entry: (-entry[0], entry[1]),
        )
        if slow_setups:
            title = CREATION_TITLE.format(threshold=self.threshold)
            terminalreporter.write_sep("=", title, yellow=True)
            for seconds, name, test in slow_setups:
                terminalreporter.write_line(f"{seconds:7.2f}s {name}, before {test}")
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
