"""`make test` runs the suite in two parts (tests/support/suite_parts.py); a failure in
either fails the run."""

import pytest

from tests.support import suite_parts
from tests.support.suite_parts import INTERRUPTED, NO_TESTS, OK, combined_status


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([OK, OK], OK),
        ([1, OK], 1),  # a test failed in the parallel part
        ([OK, 1], 1),  # ... or in the serial part
        ([3, 1], 3),  # the first failure is the one reported
        ([NO_TESTS, OK], OK),  # PYTEST_ARGS=tests/e2e: every test there is serial
        ([OK, NO_TESTS], OK),  # PYTEST_ARGS naming one parallel test
        ([NO_TESTS, 1], 1),
        ([NO_TESTS, NO_TESTS], NO_TESTS),  # nothing ran at all: not a pass
        ([INTERRUPTED], INTERRUPTED),
    ],
)
def test_the_run_fails_when_either_part_fails(statuses, expected):
    assert combined_status(statuses) == expected


def test_all_but_the_serial_tests_run_in_parallel_then_the_serial_ones_alone():
    """Slow tests run in part 1 too: `slow` is about the inner loop, `serial` about
    sharing the machine. Between them the two parts select every test."""
    (parallel_what, parallel), (serial_what, serial) = suite_parts.parts("2", ["--durations=25"])
    assert "parallel" in parallel_what
    assert "one at a time" in serial_what
    assert parallel == ["-m", "not serial", "-n", "2", "--dist", "loadfile", "--durations=25"]
    assert serial == ["-m", "serial", "--durations=25"]
    assert "-n" not in serial


def test_both_parts_run_even_when_the_first_fails(monkeypatch, capsys):
    calls = []

    def call(command):
        calls.append(command)
        return 1 if len(calls) == 1 else OK

    monkeypatch.setattr(suite_parts.subprocess, "call", call)
    assert suite_parts.main(["2"]) == 1
    markers = []
    for command in calls:
        args = command[command.index("pytest") + 1 :]
        markers.append(args[args.index("-m") + 1])
    assert markers == ["not serial", "serial"]
    assert "part 2 of 2" in capsys.readouterr().out


def test_an_interrupted_first_part_stops_the_run(monkeypatch):
    calls = []
    monkeypatch.setattr(suite_parts.subprocess, "call", lambda c: calls.append(c) or INTERRUPTED)
    assert suite_parts.main(["2"]) == INTERRUPTED
    assert len(calls) == 1
