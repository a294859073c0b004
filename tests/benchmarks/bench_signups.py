"""Volunteer sign-ups under load: 50 concurrent clients against gunicorn on PostgreSQL.

The app runs as it is deployed (``campaign.settings.production``, the Procfile's default
gunicorn sync workers) against a throwaway PostgreSQL database, with Redis as cache, rate
limit store and Celery broker. The clients stand in for browsers behind the TLS proxy
that production expects: they send ``X-Forwarded-Proto: https``, so the SSL redirect,
secure cookies and Django's strict HTTPS CSRF checks (Origin/Referer) all stay on.

Two phases run side by side in one run, with the same 50 client threads:

- ceiling: each client GETs the event page N times (a read served by the same workers);
- sign-ups: each client, N times, GETs a shift's form (CSRF cookie and token) and POSTs a
  sign-up with a unique address; success is the 302 to ``.../sent/``. Only the POSTs are
  timed per request; the phase's POST/s counts the form fetches' time too, as a browser's
  sign-up would.

Reported: POST/s, POST p50/p95/p99, the GET/s ceiling and the ratio of the two. Checked
afterwards in the database: the capacity-10 shift holds exactly 10 and waitlists the rest,
the large shift holds everyone, every sign-up owes one mail and nudged the broker once.
Any non-302 answer or wrong count exits non-zero. Absolute numbers depend on the machine
(the clients share its cores with the server); the ratio is what to compare.

Why sync workers: they are what the Procfile deploys (gunicorn's default), and a sign-up
is short CPU and database work with nothing to wait on but PostgreSQL, so four processes
keep the cores busy; the slow-client problem sync workers have is the proxy's job.

Needs DATABASE_URL (PostgreSQL) and REDIS_URL; without them it says it skipped and exits
0. BENCH_SIZE=tiny runs 1 sign-up per client (CI smoke run); BENCH_SIGNUPS_PER_CLIENT
overrides the count.
"""

import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._server import (
    UNBOUNDED_HOLDS,
    Phase,
    Server,
    database_url,
    page_views,
    percentile,
    proxy_headers,
    skip_reason,
)
from tests.benchmarks._setup import bench_database, django_setup, print_table, tiny

CLIENTS = 50
WORKERS = 4
PER_CLIENT = int(os.environ.get("BENCH_SIGNUPS_PER_CLIENT", 1 if tiny() else 20))
SMALL_CAPACITY = 10
# Every fifth sign-up (every second at tiny size, so the waiting list still fills) goes
# to the small shift, spread over clients and over the run.
SMALL_EVERY = 2 if tiny() else 5
REQUIREMENT = "I am 18 or over"
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def build_event():
    """A published event with a large shift and a capacity-10 one, both open now."""
    from django.utils import timezone

    from events.models import Shift
    from tests.events import factories

    total = CLIENTS * PER_CLIENT
    shift = {"requirements": REQUIREMENT, "description": "Benchmark shift."}
    event = factories.event(
        title="Spring wellbeing fair",
        start_date=timezone.localdate() + timedelta(days=10),
        start_time=clock(9, 0),
        end_time=clock(17, 0),
        shifts=[
            {**shift, "role": "Stewards", "start_time": clock(9, 0), "end_time": clock(12, 0),
             "capacity": min(total, 32_767)},
            {**shift, "role": "Welcome desk", "start_time": clock(13, 0),
             "end_time": clock(16, 0), "capacity": SMALL_CAPACITY},
        ],
    )  # fmt: skip
    big = Shift.objects.get(event=event, role="Stewards")
    small = Shift.objects.get(event=event, role="Welcome desk")
    return event, big, small


def sign_ups(origin, big_path, small_path):
    def work(session, number, phase):
        for attempt in range(PER_CLIENT):
            small = (number + attempt) % SMALL_EVERY == 0
            url = origin + (small_path if small else big_path)
            began = time.perf_counter()
            form = session.get(url, headers=proxy_headers(), timeout=60)
            phase.record(time.perf_counter() - began, extra=True)
            token = TOKEN_FIELD.search(form.text)
            # The cookie is Secure (production): a browser sends it over the proxy's HTTPS;
            # this client talks plain HTTP to the loopback, so it sends the cookie itself.
            cookie = form.cookies.get("csrftoken") or session.cookies.get("csrftoken")
            if form.status_code != 200 or not token or not cookie:
                phase.record(0.0, f"GET form: {form.status_code}, token/cookie missing")
                continue
            headers = proxy_headers(origin=origin, referer=url)
            headers["Cookie"] = f"csrftoken={cookie}"
            data = {
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Bench volunteer {number}-{attempt}",
                "email": f"bench-{number}-{attempt}@example.org",
                "phone": "",
                "access_needs": "",
                "requirement_0": "on",
                "consent": "on",
                "website": "",
            }
            began = time.perf_counter()
            answer = session.post(
                url, data=data, headers=headers, allow_redirects=False, timeout=60
            )
            elapsed = time.perf_counter() - began
            location = answer.headers.get("Location", "")
            ok = answer.status_code == 302 and location.endswith("/sent/")
            phase.record(elapsed, None if ok else f"POST: {answer.status_code} {location}")

    return work


def check_counts(big, small, posts_small, posts_big, nudges):
    """Compare the database (and the broker) with what the clients were told."""
    from events.models import Booking, OutboxMessage, Person

    def held(shift):
        return Booking.objects.filter(bookable=shift, status__in=Booking.HOLDS_SEAT).count()

    def waitlisted(shift):
        return Booking.objects.filter(bookable=shift, status=Booking.Status.WAITLISTED).count()

    big.refresh_from_db()
    small.refresh_from_db()
    total = posts_small + posts_big
    expect_small_held = min(SMALL_CAPACITY, posts_small)
    checks = [
        ("small shift: seats taken", small.seats_taken, expect_small_held),
        ("small shift: held bookings", held(small), expect_small_held),
        ("small shift: waitlisted", waitlisted(small), posts_small - expect_small_held),
        ("large shift: seats taken", big.seats_taken, posts_big),
        ("large shift: held bookings", held(big), posts_big),
        ("large shift: waitlisted", waitlisted(big), 0),
        ("people", Person.objects.count(), total),
        ("mails owed (one per sign-up)", OutboxMessage.objects.count(), total),
        ("broker nudges (one per sign-up)", nudges, total),
    ]
    return [[name, got, want, "ok" if got == want else "WRONG"] for name, got, want in checks]


def main():
    reason = skip_reason()
    if reason:
        print(f"\nSign-ups under load: skipped: {reason}")
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    django_setup()
    from django.db import connection

    wall = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="tapestry-bench-signups-"))
    server = Server(workdir, name="signups", workers=WORKERS)
    collect = None
    try:
        # Static files are collected while the bench database migrates (production's
        # manifest storage needs them); the output is only shown if it failed.
        collect = server.manage("collectstatic", "--noinput", "-v0")
        with bench_database("signups"):
            server.env["DATABASE_URL"] = database_url(connection.settings_dict)
            # The yardstick is a rendered event page; with the page cache it would be a
            # cache hit (bench_load.py compares cached pages).
            server.env["TAPESTRY_PAGE_CACHE_SECONDS"] = "0"
            server.env.update(UNBOUNDED_HOLDS)
            event, big, small = build_event()
            collected = collect.communicate()[0]
            if collect.returncode:
                raise SystemExit(f"collectstatic failed:\n{collected}")
            page = event.url
            big_path = page + event.reverse_subpage("shift_signup", kwargs={"shift_id": big.pk})
            small_path = page + event.reverse_subpage("shift_signup", kwargs={"shift_id": small.pk})
            setup_seconds = time.perf_counter() - wall
            started = time.perf_counter()
            server.start(page)
            start_seconds = time.perf_counter() - started
            # Warm every worker (templates, URL resolvers, database connections).
            warm = Phase("warm-up", CLIENTS).run(page_views(server.origin, page, 1))
            before = Phase("event page GET (before)", CLIENTS).run(
                page_views(server.origin, page, PER_CLIENT)
            )
            work = sign_ups(server.origin, big_path, small_path)
            signups = Phase("sign-up POST", CLIENTS).run(work)
            after = Phase("event page GET (after)", CLIENTS).run(
                page_views(server.origin, page, PER_CLIENT)
            )
            server.stop()
            nudges = server.drain_queue()
            posts_small = sum(
                1
                for number in range(CLIENTS)
                for attempt in range(PER_CLIENT)
                if (number + attempt) % SMALL_EVERY == 0
            )
            posts_big = CLIENTS * PER_CLIENT - posts_small
            counts = check_counts(big, small, posts_small, posts_big, nudges)
            failed = server.log_tail() if signups.errors else ""
        timings = (setup_seconds, start_seconds, time.perf_counter() - wall)
        report(before, signups, after, counts, timings)
        errors = warm.errors + before.errors + signups.errors + after.errors
        if errors:
            print(f"\n{len(errors)} error(s), first ones:\n  " + "\n  ".join(errors[:5]))
            if failed:
                print(f"gunicorn log (tail):\n{failed}")
        if errors or any(row[-1] != "ok" for row in counts):
            raise SystemExit("sign-up benchmark failed: errors or wrong counts (see above)")
    finally:
        server.stop()
        with contextlib.suppress(Exception):  # keep the original error, if any
            server.drain_queue()
        if collect is not None and collect.poll() is None:
            collect.terminate()
            collect.communicate()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def report(before, signups, after, counts, timings):
    setup_seconds, start_seconds, wall_seconds = timings
    print_table(
        f"Sign-ups under load: {CLIENTS} clients x {PER_CLIENT}, gunicorn {WORKERS} sync "
        "workers, production settings, PostgreSQL + Redis",
        ["phase", "requests", "seconds", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
        [before.row(), signups.row(), after.row()],
    )
    form_ms = [s * 1000 for s in signups.extra]
    ceiling = (before.rate + after.rate) / 2
    print(
        f"form GET before each POST: p50 {percentile(form_ms, 50):.1f} ms, "
        f"p95 {percentile(form_ms, 95):.1f} ms (inside the sign-up phase's time); "
        f"server requests/s in that phase {2 * signups.rate:.1f}"
    )
    print(
        f"ratio sign-up POST/s : event page GET/s = {signups.rate:.1f} : {ceiling:.1f} "
        f"= {signups.rate / ceiling:.2f} (GET/s is the mean of before and after)"
    )
    print_table("Checked in the database afterwards", ["measure", "got", "want", ""], counts)
    print(f"setup (database, migrations, static, event) {setup_seconds:.1f} s; gunicorn "
          f"start {start_seconds:.1f} s; wall time {wall_seconds:.1f} s")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
