"""Shared set-up for benchmark scripts: Django on a throw-away test database.

Run a benchmark as a script (`make bench` runs them all). BENCH_SIZE=tiny runs each at a
size that finishes in seconds, so CI keeps them working; the default is the full size.
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")
    import logging

    import django

    django.setup()
    # Celery logs every task it runs; a benchmark prints its own table instead.
    logging.getLogger("celery").setLevel(logging.WARNING)


def tiny():
    return os.environ.get("BENCH_SIZE", "").lower() == "tiny"


@contextmanager
def test_database():
    """Create the test database (SQLite file or PostgreSQL from DATABASE_URL), then drop it."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


@contextmanager
def stopwatch():
    result = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start


def median_ms(samples):
    return statistics.median(samples) * 1000


def print_table(title, headers, rows):
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
