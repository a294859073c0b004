"""Benchmark: calendar feeds, side by side in one run on the same rows.

5,000 events, 500 of them weekly series (BENCH_SIZE=tiny: 50 and 5). Measured through the
real view: this feed cold (cache emptied, assembled from stored fragments), warm (cached)
and 304; a full icalendar build of the same feed (no fragments); django-ical's ICalFeed
over the same rows (bench-only dependency: pip install -e '.[bench]'); and icalendar's
bare to_ical() of a prebuilt calendar with the same components, as the floor.
"""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._setup import bench_database, django_setup, timed, tiny


def count_queries(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = function()
    return len(queries.captured_queries), result


def django_ical_view():
    try:
        from django_ical.views import ICalFeed
    except ImportError:
        return None
    from icalendar import vRecur

    from events.calendar.services import ical_text, public
    from events.models import EventPage

    class EventsICalFeed(ICalFeed):
        product_id = ical_text.PRODID
        timezone = "UTC"
        title = "All events"
        description = "Every event on this site."

        def items(self):
            return EventPage.objects.live().select_related("kind", "venue").order_by("pk")

        def item_guid(self, item):
            return item.ical_uid

        def item_title(self, item):
            return item.title

        def item_description(self, item):
            return item.summary

        def item_link(self, item):
            return item.url

        def item_start_datetime(self, item):
            return item.starts_at

        def item_end_datetime(self, item):
            return item.ends_at

        def item_location(self, item):
            return public.location_text(item, item.venue)

        def item_rrule(self, item):
            return vRecur.from_ical(item.rrule) if item.rrule else None

        def item_categories(self, item):
            return [item.kind.name]

    return EventsICalFeed()


def main():
    django_setup()
    from django.test import Client, RequestFactory
    from django.utils import timezone
    from icalendar import Calendar

    from events.calendar.services import feed_assembly, feed_cache, feed_fragments, feed_selections
    from events.models import EventPage, FeedFragment, Occurrence
    from tests.events import factories

    total, series = (50, 5) if tiny() else (5000, 500)
    repeats = 1 if tiny() else 7
    with bench_database("events-feeds"):
        index = factories.site_with_index()
        start = timezone.localdate() + timedelta(days=1)
        factories.many_events(index, total - series, start=start, prefix="single")
        factories.many_events(index, series, start=start, weekly_count=20, prefix="weekly")
        feed_fragments.store_all()
        assert EventPage.objects.count() == total
        assert FeedFragment.objects.count() == total
        occurrences = Occurrence.objects.count()

        client = Client()
        url = "/calendar.ics"
        client.get(url)  # warm per-process caches (site root paths, VTIMEZONEs)

        def cold():
            feed_cache.invalidate()
            return client.get(url)

        cold_q, response = count_queries(cold)
        assert response.status_code == 200
        body = response.content
        etag = response["ETag"]
        results = {}
        results["tapestry cold"] = (timed(cold, repeats), cold_q)
        warm_q, _ = count_queries(lambda: client.get(url))
        results["tapestry warm"] = (timed(lambda: client.get(url), repeats), warm_q)
        not_modified = lambda: client.get(url, HTTP_IF_NONE_MATCH=etag)  # noqa: E731
        assert not_modified().status_code == 304
        q304, _ = count_queries(not_modified)
        results["tapestry 304"] = (timed(not_modified, repeats), q304)

        selection = feed_selections.site_selection()
        full_q, full = count_queries(lambda: feed_assembly.build_full(selection))
        assert full == body, "assembled feed differs from a full build"
        results["full icalendar build"] = (
            timed(lambda: feed_assembly.build_full(selection), repeats),
            full_q,
        )

        calendar = Calendar.from_ical(body)
        results["floor: to_ical() only"] = (timed(calendar.to_ical, repeats), 0)

        view = django_ical_view()
        if view is not None:
            request = RequestFactory().get(url)
            ical_q, _ = count_queries(lambda: view(request))
            results["django-ical ICalFeed"] = (timed(lambda: view(request), repeats), ical_q)

    print(
        f"\nFeed benchmark: {total} events ({series} weekly series), {occurrences} "
        f"occurrences, {len(body) // 1024} KiB; median of {repeats}"
    )
    print(f"{'':24} {'ms':>9} {'queries':>8}")
    for name, (ms, queries) in results.items():
        print(f"{name:24} {ms:>9.1f} {queries:>8}")
    cold_ms = results["tapestry cold"][0]
    floor_ms = results["floor: to_ical() only"][0]
    print(f"cold / floor: {cold_ms / floor_ms:.2f}x (target <= 1.5x)")
    print(
        f"warm: {results['tapestry warm'][0]:.1f} ms (target <= 10 ms); "
        f"cold queries: {cold_q} (target <= 5)"
    )
    if "django-ical ICalFeed" in results:
        ratio = results["django-ical ICalFeed"][0] / cold_ms
        print(f"django-ical / cold: {ratio:.1f}x faster (target >= 3x)")
    else:
        print("django-ical not installed (pip install -e '.[bench]'); comparison skipped")
    if cold_q > 5:
        raise SystemExit("the cold feed needs more than 5 queries")


if __name__ == "__main__":
    main()
