"""How long each process waited for its test database, told apart from the test that waited.

The first database test in a process sets up the session's database: it builds (or waits
for) the migrated template, copies it and adds the home page and index. In CI on
PostgreSQL, where no template survives from an earlier run, that is about 17 s, and it
fell into the setup of whichever test came first, which the slow report then listed as a
test "not marked slow" (tests/support/slow_report.py). Here it is timed on its own: the
report prints it in a section of its own and takes it off that test's time.

Under pytest-xdist each worker sends its figure to the controller in ``workeroutput``,
the channel xdist gives workers for what they report when they finish.
"""

import time
from contextlib import contextmanager

OUTPUT_KEY = "tapestry_db_creation"


class _Clock:
    test = None  # the test whose setup is running
    started = None
    record = None
    early = 0.0  # seconds of setup done before any test asked (tests/support/early_template.py)


def test_starting(nodeid):
    _Clock.test = nodeid


@contextmanager
def early_work():
    """Time setup done ahead of the first database test; it counts as this process's."""
    started = time.monotonic()
    try:
        yield
    finally:
        _Clock.early += time.monotonic() - started


def creation_started():
    if _Clock.started is None:
        _Clock.started = time.monotonic()


def creation_finished(config):
    """Keep {"seconds", "test"} for this process; a worker also sends it on."""
    if _Clock.started is None or _Clock.record is not None:
        return
    seconds = time.monotonic() - _Clock.started + _Clock.early
    _Clock.record = {"seconds": seconds, "test": _Clock.test}
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[OUTPUT_KEY] = _Clock.record


def this_process():
    return _Clock.record
