"""`make test`: the whole suite in two parts, each ending with its own pytest summary.

1. The tests not marked slow, spread over pytest-xdist workers (one per core by default).
   Each worker has its own database and Redis namespace (tests/support/parallel.py).
2. The tests marked slow, in one process. Many start real processes (Celery workers,
   gunicorn nodes on fixed ports, a private redis-server, Chromium) and wait on them with
   timeouts; alone on the machine they stay as steady as they always were.

The second part runs even when the first fails, so one run shows every failure; the run
fails when either part fails. Usage: python -m tests.support.suite_parts WORKERS [ARGS...]
"""

import subprocess
import sys

OK = 0
INTERRUPTED = 2
NO_TESTS = 5  # pytest's status when the selection holds no test at all


def parts(workers, extra):
    """(what, pytest arguments) for each part, in order."""
    return [
        (
            f"tests not marked slow, in parallel (-n {workers})",
            ["-m", "not slow", "-n", workers, "--dist", "loadfile", *extra],
        ),
        ("tests marked slow, one at a time", ["-m", "slow", *extra]),
    ]


def combined_status(statuses):
    """The run's status: the first failure; a part with nothing to run is no failure
    (`make test PYTEST_ARGS=tests/e2e` has no fast tests), but a run with none at all is."""
    ran = [status for status in statuses if status != NO_TESTS]
    if not ran:
        return NO_TESTS
    return next((status for status in ran if status != OK), OK)


def main(argv):
    workers, extra = argv[0], argv[1:]
    statuses = []
    for number, (what, args) in enumerate(parts(workers, extra), start=1):
        print(f"\n=== make test, part {number} of 2: {what}", flush=True)
        status = subprocess.call([sys.executable, "-m", "pytest", *args])
        statuses.append(status)
        if status == INTERRUPTED:
            break
    status = combined_status(statuses)
    print(f"\n=== make test: parts ended with {statuses}; the run's status is {status}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
