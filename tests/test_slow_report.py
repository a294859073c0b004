"""The guard that lists unmarked slow tests (tests/support/slow_report.py)."""

from types import SimpleNamespace

from tests.support import slow_report
from tests.support.db_creation import OUTPUT_KEY
from tests.support.slow_report import SlowReport, over_threshold


def report(nodeid, duration, *keywords):
    return SimpleNamespace(nodeid=nodeid, duration=duration, keywords=dict.fromkeys(keywords, 1))


class Terminal:
    def __init__(self):
        self.lines = []

    def write_sep(self, sep, title, **markup):
        self.lines.append(title)

    def write_line(self, line, **markup):
        self.lines.append(line)


def test_only_tests_above_the_threshold_are_listed_slowest_first():
    durations = {"a": 0.5, "b": 2.5, "c": 7.0, "d": 2.0}
    assert over_threshold(durations, 2.0) == [(7.0, "c"), (2.5, "b")]
    assert over_threshold(durations, 0) == []


def test_setup_call_and_teardown_add_up_and_marked_tests_are_left_out():
    plugin = SlowReport(2.0, this_process=lambda: None)
    for phase in (1.5, 0.4, 0.3):  # setup (a module's demo copy, say), call, teardown
        plugin.pytest_runtest_logreport(report("tests/test_a.py::test_x", phase))
    plugin.pytest_runtest_logreport(report("tests/test_a.py::test_quick", 0.01))
    plugin.pytest_runtest_logreport(report("tests/test_b.py::test_marked", 30.0, "slow"))
    terminal = Terminal()
    plugin.pytest_terminal_summary(terminal)
    assert terminal.lines == [
        "tests not marked slow that took more than 2 s (mark them, with a reason)",
        "   2.20s tests/test_a.py::test_x",
    ]


def test_nothing_is_printed_when_every_unmarked_test_is_quick():
    plugin = SlowReport(2.0, this_process=lambda: None)
    plugin.pytest_runtest_logreport(report("tests/test_a.py::test_quick", 0.01))
    terminal = Terminal()
    plugin.pytest_terminal_summary(terminal)
    assert terminal.lines == []


class PluginManager:
    def __init__(self):
        self.plugins = []

    def register(self, plugin, name):
        self.plugins.append(plugin)


def config(threshold, **extra):
    return SimpleNamespace(getoption=lambda name: threshold, pluginmanager=PluginManager(), **extra)


def test_the_controller_prints_the_list_not_each_xdist_worker():
    controller = config(2.0)
    slow_report.register(controller)
    assert [p.threshold for p in controller.pluginmanager.plugins] == [2.0]

    worker = config(2.0, workerinput={"workerid": "gw0"})
    slow_report.register(worker)
    assert worker.pluginmanager.plugins == []


def test_a_threshold_of_zero_turns_the_list_off():
    off = config(0.0)
    slow_report.register(off)
    assert off.pluginmanager.plugins == []


def worker(name, seconds, test):
    record = {"seconds": seconds, "test": test}
    return SimpleNamespace(workerinput={"workerid": name}, workeroutput={OUTPUT_KEY: record})


def test_the_wait_for_the_database_is_taken_off_the_first_test_and_listed_apart():
    plugin = SlowReport(2.0, this_process=lambda: None)
    for nodeid, phase in [
        ("tests/test_a.py::test_first", 17.3),  # setup: template built, copied
        ("tests/test_a.py::test_first", 0.2),
        ("tests/test_b.py::test_first", 16.9),
        ("tests/test_b.py::test_first", 2.6),  # slow in its own right
    ]:
        plugin.pytest_runtest_logreport(report(nodeid, phase))
    plugin.pytest_testnodedown(worker("gw0", 17.0, "tests/test_a.py::test_first"), None)
    plugin.pytest_testnodedown(worker("gw1", 16.8, "tests/test_b.py::test_first"), None)
    terminal = Terminal()
    plugin.pytest_terminal_summary(terminal)
    assert terminal.lines == [
        "test database setup over 2 s (not counted in the tests' times)",
        "  17.00s gw0, before tests/test_a.py::test_first",
        "  16.80s gw1, before tests/test_b.py::test_first",
        "tests not marked slow that took more than 2 s (mark them, with a reason)",
        "   2.70s tests/test_b.py::test_first",
    ]


def test_without_workers_the_run_s_own_setup_counts_and_a_quick_one_is_not_listed():
    record = {"seconds": 0.3, "test": "tests/test_a.py::test_first"}
    plugin = SlowReport(2.0, this_process=lambda: record)
    plugin.pytest_runtest_logreport(report("tests/test_a.py::test_first", 2.2))
    terminal = Terminal()
    plugin.pytest_terminal_summary(terminal)
    assert terminal.lines == []  # 2.2 s less the 0.3 s of setup
