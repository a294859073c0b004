"""`make test`: the whole suite in two parts, each ending with its own pytest summary.

1. The tests not marked `serial`, fast and slow alike, spread over pytest-xdist workers
   (one per core by default). Each worker has its own database and Redis namespace
   (tests/support/parallel.py); a test that starts a Celery worker gives it a queue of
   its own, a live server or feed server takes a free port.
2. The tests marked `serial`, in one process: those that cannot share the machine (fixed
   ports, a private redis-server they stop and start, Chromium's screenshots and golden
   images, races timed against a timeout). tests/support/classify.py says which.

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
            f"tests not marked serial, in parallel (-n {workers})",
            ["-m", "not serial", "-n", workers, "--dist", "loadfile", *extra],
        ),
        ("tests marked serial, one at a time", ["-m", "serial", *extra]),
    ]


def combined_status(statuses):
    """The run's status: the first failure; a part with nothing to run is no failure
    (`make test PYTEST_ARGS=tests/e2e` has no parallel tests), but a run with none at all is."""
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
