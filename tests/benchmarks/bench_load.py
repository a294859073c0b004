"""Mixed load on the production stack: public pages, feeds and sign-ups, page cache on/off.

One bench PostgreSQL database gets a realistic site (full size: the demo content plus 200
stories, 2,000 events with 20,000 occurrences and 500 shifts; BENCH_SIZE=tiny scales it
all down for CI). gunicorn (4 sync workers, production settings, Redis as cache and
broker) serves it twice, first with the anonymous page cache on and then off
(TAPESTRY_PAGE_CACHE_SECONDS=0), each time through three phases run by the same client
threads:

- ceiling: a bare view (tests/benchmarks/load_urls.py, only on this server), the cost of
  Django and its middleware alone; it is never served from the page cache;
- public: home, a story, the events list and an event page, in turn;
- mixed: the public pages plus a calendar feed and a sign-up (form GET, then POST);
- publishing (cache on only, twice): readers ask for the public pages while an editor (this
  process, sharing the server's Redis) publishes one story every 10 s (every 2 s for
  BENCH_SIZE=tiny): once with the precise purge (the pages showing that story), once with
  the old whole purge; the hit rate of each is reported side by side (goal: >= 90%).

Readers on a busy day crowd onto a few pages, so stories and events are picked from a hot
set of 20 each. Sign-ups come from separate sessions: a browser holding a CSRF cookie
(after any form) is served uncached pages, which this run does not model. Story pages
carry the comment form without a CSRF token, so they are cached like the rest. A Celery
worker with its embedded beat runs beside gunicorn on the same settings and a queue of our
own (removed afterwards); it sends the sign-ups' mails to an in-memory backend.

Reported per server and kind: requests, req/s, p50/p95/p99 and errors; the public phase's
req/s as a ratio of the ceiling. Afterwards the database must hold exactly one booking,
person and sent mail per accepted sign-up (the worker is given up to two minutes). Any
error or wrong count exits non-zero.
Needs DATABASE_URL (PostgreSQL) and REDIS_URL; skips (exit 0) without them.
"""

import contextlib
import io
import random
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._server import (
    UNBOUNDED_HOLDS,
    Phase,
    Server,
    Worker,
    database_url,
    percentile,
    proxy_headers,
    skip_reason,
)
from tests.benchmarks._setup import bench_database, django_setup, print_table, tiny

SIZE = (
    {"stories": 12, "events": 24, "weekly": 3, "shifts": 6, "clients": 4, "rounds": 1}
    if tiny()
    else {"stories": 200, "events": 2000, "weekly": 10, "shifts": 500, "clients": 50, "rounds": 4}
)
WORKERS = 4
# The publishing phase: an editor publishes a story this often while readers read.
# Tiny proves the phase still runs: three publishes each way, not a steady state.
PUBLISH_EVERY, PUBLISH_SECONDS = (2.0, 6.0) if tiny() else (10.0, 60.0)
HOT = 20
PUBLIC = ("home", "story", "events list", "event page")
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def build_site():
    """The demo site plus the bulk content; returns the URLs the clients ask for."""
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.rich_text import RichText

    from events.models import EventIndexPage, EventPage, Shift
    from home.models import StoryIndexPage, StoryPage
    from tests.events import factories

    call_command("load_demo", stdout=io.StringIO())
    stories = StoryIndexPage.objects.live().first()
    for number in range(SIZE["stories"]):
        stories.add_child(
            instance=StoryPage(
                title=f"Bench story {number}",
                slug=f"bench-story-{number}",
                live=True,
                intro="A story written for the load benchmark.",
                body=[("paragraph", RichText("<p>Some words about getting through.</p>"))],
            )
        )
    index = EventIndexPage.objects.live().first()
    start = timezone.localdate() + timedelta(days=3)
    factories.many_events(
        index, SIZE["events"], start=start, weekly_count=SIZE["weekly"], prefix="bench"
    )
    events = list(EventPage.objects.live().filter(slug__startswith="bench-").order_by("pk"))
    for number in range(SIZE["shifts"]):
        event = events[number % len(events)]
        begins = timezone.now() + timedelta(days=5 + number % 20, hours=number % 8)
        Shift.objects.create(
            event=event,
            uid=uuid.uuid4(),
            role=f"Steward {number}",
            title=f"{event.title}: steward {number}",
            starts_at=begins,
            ends_at=begins + timedelta(hours=2),
            capacity=5 + number % 10,
        )
    target = events[0]
    signup_shift = Shift.objects.create(
        event=target,
        uid=uuid.uuid4(),
        role="Welcome team",
        title=f"{target.title}: welcome team",
        starts_at=timezone.now() + timedelta(days=4),
        ends_at=timezone.now() + timedelta(days=4, hours=3),
        capacity=100_000,
    )
    signup = target.url + target.reverse_subpage(
        "shift_signup", kwargs={"shift_id": signup_shift.pk}
    )
    hot_stories = [
        page.url for page in StoryPage.objects.live().filter(slug__startswith="bench-")[:HOT]
    ]
    hot_events = [page.url for page in events[:HOT]]
    urls = {
        "ceiling": ["/bench/bare/"],
        "home": ["/"],
        "story": hot_stories,
        "events list": [index.url],
        "event page": hot_events,
        "feed": [f"/calendar/events/{page.pk}.ics" for page in events[:HOT]] + ["/calendar.ics"],
    }
    return urls, signup, signup_shift


class Mix(Phase):
    """A phase whose requests are of several kinds; latencies and errors kept per kind."""

    def __init__(self, name, clients):
        super().__init__(name, clients)
        self.kinds = {}
        self.hits = {}

    def hit(self, kind):
        with self._lock:
            self.hits[kind] = self.hits.get(kind, 0) + 1

    def record(self, seconds, error=None, extra=False, kind="client"):
        with self._lock:
            latencies, errors = self.kinds.setdefault(kind, ([], []))
            latencies.append(seconds)
            if error:
                errors.append(error)
                self.errors.append(error)
            self.latencies.append(seconds)

    def rows(self, label):
        rows = []
        for kind, (latencies, errors) in self.kinds.items():
            ms = [s * 1000 for s in latencies]
            rows.append(
                [label, self.name, kind, len(ms), f"{len(ms) / self.seconds:.1f}",
                 f"{percentile(ms, 50):.1f}", f"{percentile(ms, 95):.1f}",
                 f"{percentile(ms, 99):.1f}", len(errors), self.hits.get(kind, 0)]
            )  # fmt: skip
        return rows


def fetch(session, origin, kind, path, phase):
    began = time.perf_counter()
    answer = session.get(origin + path, headers=proxy_headers(), timeout=60)
    error = None if answer.status_code == 200 else f"GET {path}: {answer.status_code}"
    phase.record(time.perf_counter() - began, error, kind=kind)
    if answer.headers.get("X-Tapestry-Cache") == "hit":
        phase.hit(kind)


def sign_up(origin, path, label, phase):
    """One visitor's sign-up: a fresh session fetches the form, then posts it."""
    import requests

    url = origin + path
    with requests.Session() as session:
        began = time.perf_counter()
        form = session.get(url, headers=proxy_headers(), timeout=60)
        phase.record(time.perf_counter() - began, kind="sign-up form")
        token = TOKEN_FIELD.search(form.text)
        cookie = form.cookies.get("csrftoken")
        if form.status_code != 200 or not token or not cookie:
            phase.record(0.0, f"sign-up form: {form.status_code}", kind="sign-up POST")
            return False
        headers = proxy_headers(origin=origin, referer=url)
        # Secure cookie (production) over the plain loopback: send it as the proxy would.
        headers["Cookie"] = f"csrftoken={cookie}"
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "name": f"Load volunteer {label}",
            "email": f"load-{label}@example.org",
            "consent": "on",
            "website": "",
        }
        began = time.perf_counter()
        answer = session.post(url, data=data, headers=headers, allow_redirects=False, timeout=60)
        ok = answer.status_code == 302 and answer.headers.get("Location", "").endswith("/sent/")
        error = None if ok else f"sign-up POST: {answer.status_code}"
        phase.record(time.perf_counter() - began, error, kind="sign-up POST")
        return ok


def workload(origin, urls, kinds, rounds, signup=None, run=""):
    def work(session, number, phase):
        chooser = random.Random(number)  # noqa: S311 (picks pages, not secrets)
        plan = [kind for _ in range(rounds) for kind in kinds]
        chooser.shuffle(plan)
        for attempt, kind in enumerate(plan):
            if kind == "sign-up":
                if sign_up(origin, signup, f"{run}-{number}-{attempt}", phase):
                    phase.accepted += 1
            else:
                fetch(session, origin, kind, chooser.choice(urls[kind]), phase)

    return work


def publishing(origin, urls, precise):
    """Readers on the public pages for PUBLISH_SECONDS while this process publishes a story
    every PUBLISH_EVERY seconds, purging through the server's Redis: the precise purge, or
    (``precise=False``) the whole purge every publish made before."""
    import os

    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    from campaign import pagecache
    from campaign.settings.base import redis_cache
    from home.models import StoryPage

    stories = list(StoryPage.objects.live().filter(slug__startswith="bench-").order_by("pk"))
    phase = Mix("publishing, " + ("precise purge" if precise else "whole purge"), SIZE["clients"])
    phase.published = 0
    stop = threading.Event()

    def editor():
        try:
            while not stop.wait(PUBLISH_EVERY):
                story = stories[phase.published % len(stories)].specific
                story.intro = f"Edited while readers read ({phase.published})."
                story.save_revision().publish()
                phase.published += 1
        finally:
            connection.close()

    def work(session, number, phase):
        chooser = random.Random(number)  # noqa: S311 (picks pages, not secrets)
        deadline = time.monotonic() + PUBLISH_SECONDS
        while time.monotonic() < deadline:
            kind = chooser.choice(PUBLIC)
            fetch(session, origin, kind, chooser.choice(urls[kind]), phase)

    shared = {**settings.CACHES, "pages": redis_cache(os.environ["REDIS_URL"])}
    rule = pagecache._affected_urls
    with override_settings(CACHES=shared, TAPESTRY_PAGE_CACHE_ALIAS="pages"):
        pagecache._affected_urls = rule if precise else None
        Mix("warm-up", SIZE["clients"]).run(workload(origin, urls, PUBLIC, 1))
        thread = threading.Thread(target=editor, daemon=True)
        thread.start()
        try:
            phase.run(work)
        finally:
            stop.set()
            thread.join()
            pagecache._affected_urls = rule
    return phase


def hit_rate(phase):
    requests = sum(len(latencies) for latencies, _ in phase.kinds.values())
    return sum(phase.hits.values()) / requests if requests else 0.0


def serve(workdir, label, urls, signup, page_cache):
    """One gunicorn; the three phases; returns the phases and accepted sign-ups."""
    server = Server(
        workdir, name="load", workers=WORKERS, settings="tests.benchmarks.load_settings"
    )
    server.env["DATABASE_URL"] = database_url_for_server()
    server.env["TAPESTRY_PAGE_CACHE_SECONDS"] = "300" if page_cache else "0"
    server.env["TAPESTRY_SIGNUP_RATE_LIMIT"] = "1000000/600"
    server.env.update(UNBOUNDED_HOLDS)
    server.start("/bench/bare/")
    worker = Worker(server, workdir, label.replace(" ", "-"))
    worker.start()
    try:
        clients, rounds = SIZE["clients"], SIZE["rounds"]
        every = ("ceiling", *PUBLIC, "feed")
        Mix("warm-up", clients).run(workload(server.origin, urls, every, 1))
        ceiling = Mix("ceiling", clients).run(
            workload(server.origin, urls, ("ceiling",), rounds * len(PUBLIC))
        )
        public = Mix("public", clients).run(workload(server.origin, urls, PUBLIC, rounds))
        mixed = Mix("mixed", clients)
        mixed.accepted = 0
        kinds = (*PUBLIC, "feed", "sign-up")
        run = label.replace(" ", "-")
        mixed.run(workload(server.origin, urls, kinds, max(1, rounds // 2), signup, run))
        wait_for_mail(worker)
        published = (
            [publishing(server.origin, urls, precise) for precise in (True, False)]
            if page_cache
            else []
        )
    finally:
        server.stop()
        worker.stop()
        server.drain_queue()
    return ceiling, public, mixed, server, published


def wait_for_mail(worker, timeout=120):
    """Until the worker has sent every sign-up's mail (or the time is up)."""
    from events.models import OutboxMessage

    owed = OutboxMessage.objects.filter(
        recipient__startswith="load-", status__in=["scheduled", "sending"]
    )
    deadline = time.monotonic() + timeout
    while owed.exists() and time.monotonic() < deadline:
        if worker.process.poll() is not None:
            raise SystemExit(f"the worker exited early:\n{worker.log_tail()}")
        time.sleep(0.5)


def database_url_for_server():
    from django.db import connection

    return database_url(connection.settings_dict)


def check_counts(shift, accepted, mails_before):
    from events.models import Booking, OutboxMessage, Person

    shift.refresh_from_db()
    sent = OutboxMessage.objects.filter(recipient__startswith="load-", status="sent")
    checks = [
        ("accepted sign-ups = bookings", Booking.objects.filter(bookable=shift).count()),
        ("accepted sign-ups = seats taken", shift.seats_taken),
        ("accepted sign-ups = people", Person.objects.filter(email__startswith="load-").count()),
        ("accepted sign-ups = mails owed", OutboxMessage.objects.count() - mails_before),
        ("accepted sign-ups = mails sent by the worker", sent.count()),
    ]
    return [[name, got, accepted, "ok" if got == accepted else "WRONG"] for name, got in checks]


def main():
    reason = skip_reason()
    if reason:
        print(f"\nMixed load: skipped: {reason}")
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    django_setup()
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    wall = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="tapestry-bench-load-"))
    collect = None
    try:
        collector = Server(workdir, name="load-static", workers=1)
        collect = collector.manage("collectstatic", "--noinput", "-v0")
        with bench_database("load"):
            from django.conf import settings

            settings.MEDIA_ROOT = workdir / "media"
            built = time.perf_counter()
            urls, signup, shift = build_site()
            build_seconds = time.perf_counter() - built
            from events.models import OutboxMessage

            mails_before = OutboxMessage.objects.count()  # the demo's own volunteers
            output = collect.communicate()[0]
            if collect.returncode:
                raise SystemExit(f"collectstatic failed:\n{output}")
            results = {}
            for label, page_cache in (("cache on", True), ("cache off", False)):
                results[label] = serve(workdir, label, urls, signup, page_cache)
            accepted = sum(result[2].accepted for result in results.values())
            counts = check_counts(shift, accepted, mails_before)
        report(results, counts, build_seconds, time.perf_counter() - wall)
        phases = [p for result in results.values() for p in (*result[:3], *result[4])]
        errors = [e for p in phases for e in p.errors]
        if errors:
            print(f"\n{len(errors)} error(s), first ones:\n  " + "\n  ".join(errors[:5]))
            print(f"gunicorn log (tail):\n{results['cache off'][3].log_tail()}")
        if errors or any(row[-1] != "ok" for row in counts):
            raise SystemExit("load benchmark failed: errors or wrong counts (see above)")
    finally:
        if collect is not None and collect.poll() is None:
            collect.terminate()
            collect.communicate()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def report(results, counts, build_seconds, wall_seconds):
    rows = []
    for label, (ceiling, public, mixed, _, published) in results.items():
        rows += ceiling.rows(label) + public.rows(label) + mixed.rows(label)
        rows += [row for phase in published for row in phase.rows(label)]
    print_table(
        f"Mixed load: {SIZE['clients']} clients, gunicorn {WORKERS} sync workers, production "
        f"settings, PostgreSQL + Redis; {SIZE['stories']} bulk stories, {SIZE['events']} "
        f"events x {SIZE['weekly']} occurrences, {SIZE['shifts']} shifts",
        [
            "server",
            "phase",
            "kind",
            "requests",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "errors",
            "hits",
        ],
        rows,
    )
    print()
    for label, (ceiling, public, mixed, _, published) in results.items():
        for phase in published:
            print(
                f"{label}, {phase.name}: {phase.published} stories published "
                f"(one every {PUBLISH_EVERY:.0f} s), hit rate {hit_rate(phase):.1%} "
                f"of {len(phase.latencies)} requests, {phase.rate:.1f} req/s"
            )
        print(
            f"{label}: public pages {public.rate:.1f} req/s, ceiling (bare view) "
            f"{ceiling.rate:.1f} req/s, ratio {public.rate / ceiling.rate:.2f}; mixed phase "
            f"{mixed.rate:.1f} req/s, {mixed.accepted} sign-ups accepted"
        )
    print_table("Checked in the database afterwards", ["measure", "got", "want", ""], counts)
    print(f"site built in {build_seconds:.1f} s; wall time {wall_seconds:.1f} s")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
