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
        ([OK, 1], 1),  # ... or in the slow part
        ([3, 1], 3),  # the first failure is the one reported
        ([NO_TESTS, OK], OK),  # PYTEST_ARGS=tests/e2e: no fast tests there
        ([OK, NO_TESTS], OK),  # PYTEST_ARGS naming one fast test
        ([NO_TESTS, 1], 1),
        ([NO_TESTS, NO_TESTS], NO_TESTS),  # nothing ran at all: not a pass
        ([INTERRUPTED], INTERRUPTED),
    ],
)
def test_the_run_fails_when_either_part_fails(statuses, expected):
    assert combined_status(statuses) == expected


def test_the_fast_part_runs_in_parallel_and_the_slow_part_alone():
    (fast_what, fast), (slow_what, slow) = suite_parts.parts("2", ["--durations=25"])
    assert "parallel" in fast_what
    assert "one at a time" in slow_what
    assert fast == ["-m", "not slow", "-n", "2", "--dist", "loadfile", "--durations=25"]
    assert slow == ["-m", "slow", "--durations=25"]
    assert "-n" not in slow


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
    assert markers == ["not slow", "slow"]
    assert "part 2 of 2" in capsys.readouterr().out


def test_an_interrupted_first_part_stops_the_run(monkeypatch):
    calls = []
    monkeypatch.setattr(suite_parts.subprocess, "call", lambda c: calls.append(c) or INTERRUPTED)
    assert suite_parts.main(["2"]) == INTERRUPTED
    assert len(calls) == 1
