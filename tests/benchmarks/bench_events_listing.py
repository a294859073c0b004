"""Benchmark: the public list and month views with 1,000 and 10,000 occurrences.

Prints, for each size, the number of queries and the median render time of each view.
BENCH_SIZE=tiny runs small sizes in a few seconds (CI smoke run).
"""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._setup import bench_database, django_setup, timed, tiny


def measure(client, url, repeats):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (site root paths) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries), timed(lambda: client.get(url), repeats)


def main():
    django_setup()
    from django.test import Client
    from django.utils import timezone

    from events.models import Occurrence
    from tests.events import factories

    sizes = [(10, 5), (20, 5)] if tiny() else [(100, 10), (1000, 10)]
    repeats = 1 if tiny() else 7
    rows = []
    with bench_database("events-listing"):
        index = factories.site_with_index()
        start = timezone.localdate() + timedelta(days=1)
        client = Client()
        created = 0
        for events, weekly in sizes:
            factories.many_events(
                index, events - created, start=start, weekly_count=weekly, prefix=f"e{events}"
            )
            created = events
            total = Occurrence.objects.count()
            month = f"{index.url}month/{start.year}/{start.month}/"
            list_q, list_ms = measure(client, index.url, repeats)
            month_q, month_ms = measure(client, month, repeats)
            rows.append((total, list_q, list_ms, month_q, month_ms))

    print(f"\nEvents listing benchmark (median of {repeats} renders)")
    print(f"{'occurrences':>12} {'list q':>7} {'list ms':>9} {'month q':>8} {'month ms':>9}")
    for total, list_q, list_ms, month_q, month_ms in rows:
        print(f"{total:>12} {list_q:>7} {list_ms:>9.1f} {month_q:>8} {month_ms:>9.1f}")
    (small, big) = rows
    print(
        f"ratio {big[0] // max(small[0], 1)}x occurrences: list time x{big[2] / small[2]:.2f}, "
        f"month time x{big[4] / small[4]:.2f}; queries {small[1]}->{big[1]} (list), "
        f"{small[3]}->{big[3]} (month)"
    )
    if big[1] > small[1] or big[3] > small[3]:
        raise SystemExit("query count grew with the number of occurrences")


if __name__ == "__main__":
    main()
