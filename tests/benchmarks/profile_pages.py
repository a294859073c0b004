"""Profile the public pages with the page cache off: where does a request's time go?

A tool, not a benchmark or a test: it runs every page of bench_pages_uncached.py through
the test client (DEBUG off, Django's cached template loader, the Redis cache on as in
production, the whole-page cache off) under cProfile and prints, per page, the mean time a
request took and the functions with the most cumulative time.

Uses the database DATABASE_URL names as it is (no throwaway copy), so that repeated
profiles skip the build; ``--build`` migrates it and loads the demo site plus what
bench_pages_uncached.py adds (``--grow``, 1,000 by default) first.

    python tests/benchmarks/profile_pages.py --build          # once
    python tests/benchmarks/profile_pages.py -n 20 --top 25   # every page
    python tests/benchmarks/profile_pages.py --page home --sort tottime
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")
    from django.conf import settings

    # The production cache (the test settings keep a per-process locmem one), no page cache.
    from campaign.settings.base import redis_cache

    if not os.environ.get("REDIS_URL"):
        raise SystemExit("needs REDIS_URL (the production cache)")
    settings.CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 0
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)


def build(grow_count):
    from django.core.management import call_command

    from tests.benchmarks.bench_pages_uncached import refresh_planner_statistics
    from tests.performance.test_query_budgets import grow

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    grow(grow_count)
    refresh_planner_statistics()


def profile(url, requests, sort, top):
    from django.test import Client

    client = Client()
    for _ in range(3):  # warm: renditions, imports, the cached template loader
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    mean_ms = (time.perf_counter() - start) * 1000 / requests
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(top)
    return mean_ms, out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="migrate and load the demo first")
    parser.add_argument("--grow", type=int, default=1000)
    parser.add_argument("-n", "--requests", type=int, default=20)
    parser.add_argument("--page", action="append", help="page name(s); every page by default")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--summary", action="store_true", help="only the mean time per page")
    args = parser.parse_args()
    setup()
    if args.build:
        build(args.grow)
    from tests.performance.test_query_budgets import public_urls

    urls = public_urls()
    means = {}
    for name, url in urls.items():
        if args.page and name not in args.page:
            continue
        means[name], text = profile(url, args.requests, args.sort, args.top)
        if not args.summary:
            print(f"\n=== {name} {url}: {means[name]:.1f} ms a request (profiled) ===")
            print(text)
    print("\nmean ms a request under the profiler:")
    for name, ms in means.items():
        print(f"  {name:24} {ms:7.1f}")


if __name__ == "__main__":
    main()
