"""Benchmark: the open-data endpoints beside a bare Django JSON view of the same rows.

5,000 events, 500 of them weekly series, half of every kind support groups (BENCH_SIZE=tiny:
50 and 5). Measured through the real URLs with Django's test client, in one run:

- /api/v1/occurrences/ (first page of 50) against a bare view that serialises the same 50
  occurrence rows with ``values()`` and ``JsonResponse`` (no privacy gate, no URLs);
- /meetings.json against a bare view of the same support-group series rows.

The ratio bare / ours says what the privacy gate, absolute URLs and the spec's fields cost.
Query counts are printed beside each: they must not grow with the number of events.
"""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._setup import bench_database, django_setup, print_table, timed, tiny


def count_queries(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = function()
    return len(queries.captured_queries), result


def bare_views():
    """Plain Django JSON views over the same rows, as the floor."""
    from django.http import JsonResponse

    from events.calendar.services import listing
    from events.models import EventPage
    from events.opendata.services import meetings
    from events.opendata.services.occurrences import PAGE_SIZE

    def occurrences(request):
        rows = listing.public_occurrences().values(
            "event_id", "key", "event__title", "start", "end", "event__kind__slug"
        )[:PAGE_SIZE]
        return JsonResponse({"results": list(rows)})

    def series(request):
        rows = EventPage.objects.filter(
            pk__in=[event.pk for event in meetings.listed_series()]
        ).values("pk", "title", "start_time", "end_time", "time_zone", "venue__area")
        return JsonResponse(list(rows), safe=False)

    return occurrences, series


def main():
    django_setup()
    from django.test import Client, RequestFactory
    from django.utils import timezone

    from events.models import EventPage, Occurrence
    from tests.events import factories

    total, weekly = (50, 5) if tiny() else (5000, 500)
    repeats = 1 if tiny() else 7
    with bench_database("opendata"):
        index = factories.site_with_index()
        start = timezone.localdate() + timedelta(days=1)
        factories.many_events(index, total - weekly, start=start, prefix="single")
        factories.many_events(index, weekly, start=start, weekly_count=20, prefix="weekly")
        assert EventPage.objects.count() == total
        occurrences = Occurrence.objects.count()

        client = Client()
        factory = RequestFactory()
        bare_occurrences, bare_series = bare_views()
        rows = []
        for label, url, bare in (
            ("occurrences API, page 1", "/api/v1/occurrences/", bare_occurrences),
            ("meetings.json", "/meetings.json", bare_series),
        ):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            ours_queries, _ = count_queries(lambda url=url: client.get(url))
            ours = timed(lambda url=url: client.get(url), repeats)
            request = factory.get(url)
            bare_queries, _ = count_queries(lambda bare=bare, request=request: bare(request))
            floor = timed(lambda bare=bare, request=request: bare(request), repeats)
            rows.append(
                (
                    label,
                    f"{ours:.1f}",
                    ours_queries,
                    f"{floor:.1f}",
                    bare_queries,
                    f"{floor / ours:.2f}",
                    f"{len(response.content) // 1024} KiB",
                )
            )

    print_table(
        f"Open data: {total} events ({weekly} weekly series), {occurrences} occurrences; "
        f"median of {repeats} (ms)",
        ["endpoint", "ours ms", "queries", "bare ms", "bare queries", "bare/ours", "body"],
        rows,
    )


if __name__ == "__main__":
    main()
