"""Run a benchmark script against a throwaway database, like the test suite does."""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def django_setup():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)


@contextmanager
def bench_database(name):
    """A fresh test database named after the benchmark; removed afterwards.

    It is a copy of the migrated template the test suite uses too (tests/support/
    template_db.py), so the benchmarks in one run migrate once between them, not once each.
    """
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from tests.support import template_db

    test = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(Path(settings.VAR_DIR) / f"bench-{name}.sqlite3")
    else:
        safe = name.replace("-", "_")
        test["NAME"] = f"test_{settings.DATABASES['default']['NAME']}_bench_{safe}"
    template = template_db.use_migrated_template()
    # A SQLite copy of the template is already in place: Django keeps it as it is.
    copied = connection.vendor == "sqlite" and template is not None
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=copied)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def timed(function, repeats):
    """Median wall time in milliseconds of ``repeats`` calls (after one warm-up call)."""
    function()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def tiny():
    return os.environ.get("BENCH_SIZE", "").lower() == "tiny"


@contextmanager
def stopwatch():
    """Wall time of the block, in seconds, in ``result["seconds"]`` afterwards."""
    result = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start


def print_table(title, headers, rows):
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
