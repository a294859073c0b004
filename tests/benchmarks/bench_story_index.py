"""Benchmark: story listings cost the same whatever the number of stories.

Run with `make bench` (BENCH_SIZE=tiny for a smoke run). Builds a throwaway test database,
fills it with a few and then many published stories (with images and approved comments),
and times the story index, the home page and the RSS feed at both sizes, side by side.
Prints the time and query count of each and the many/few ratio; a ratio near 1.0 is the
goal, since every listing shows a fixed number of items.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._setup import bench_database, django_setup

django_setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = {"tiny": (3, 15), "default": (10, 200)}
ROUNDS = {"tiny": 1, "default": 15}


def fill(index, count, start, author, category):
    from home.models import ArticlePage, Comment, StoryPage
    from tests.home.conftest import add_story, make_image

    for number in range(start, start + count):
        page = add_story(
            index,
            f"Benchmark story {number}",
            model=ArticlePage if number % 2 else StoryPage,
            author=author,
            image=make_image(f"Bench {number}", size=(320, 200)),
            categories=[category],
            tags=["hope", f"tag-{number % 5}"],
        )
        Comment.objects.create(
            page=page, name="Reader", body=f"Thanks {number}", status=Comment.Status.APPROVED
        )


def measure(client, url, rounds):
    client.get(url)  # warm: renditions and caches are made on the first view
    timings = []
    for _ in range(rounds):
        cache.clear()  # never lean on cached renditions
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, url
    return statistics.median(timings), len(queries)


def main():
    size = os.environ.get("BENCH_SIZE", "default")
    few, many = SIZES.get(size, SIZES["default"])
    rounds = ROUNDS.get(size, ROUNDS["default"])
    settings.MEDIA_ROOT = Path(settings.VAR_DIR) / "bench-media"
    with bench_database("stories"):
        from home import demo
        from home.models import Author, StoryCategory, StoryIndexPage

        home = demo.load_home_page(log=lambda message: None)
        index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
        author = Author.objects.create(name="Bench Author")
        category = StoryCategory.objects.create(name="Bench", slug="bench")
        client = Client()
        urls = {"story index": index.url, "home page": "/", "RSS feed": "/feeds/stories/rss/"}

        fill(index, few, 0, author, category)
        small = {name: measure(client, url, rounds) for name, url in urls.items()}
        fill(index, many - few, few, author, category)
        large = {name: measure(client, url, rounds) for name, url in urls.items()}

        print(f"Story listings, {few} vs {many} published stories (median of {rounds} runs):")
        for name in urls:
            (t_small, q_small), (t_large, q_large) = small[name], large[name]
            print(
                f"  {name:12s} {t_small * 1000:7.1f} ms / {q_small:2d} queries  vs  "
                f"{t_large * 1000:7.1f} ms / {q_large:2d} queries   "
                f"time ratio {t_large / t_small:4.2f}, query ratio {q_large / q_small:4.2f}"
            )
            if q_large != q_small:
                raise SystemExit(f"{name}: query count grew with the number of stories")


if __name__ == "__main__":
    main()
