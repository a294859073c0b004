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

import atexit
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks._setup import ROOT, bench_database, django_setup, print_table, tiny

CLIENTS = 50
WORKERS = 4
PER_CLIENT = int(os.environ.get("BENCH_SIGNUPS_PER_CLIENT", 1 if tiny() else 20))
SMALL_CAPACITY = 10
# Every fifth sign-up (every second at tiny size, so the waiting list still fills) goes
# to the small shift, spread over clients and over the run.
SMALL_EVERY = 2 if tiny() else 5
REQUIREMENT = "I am 18 or over"
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def skip_reason():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "needs PostgreSQL (DATABASE_URL=postgres://...)"
    if not os.environ.get("REDIS_URL"):
        return "needs Redis (REDIS_URL=redis://...), the production cache and broker"
    return None


def percentile(samples, point):
    return statistics.quantiles(samples, n=100, method="inclusive")[point - 1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict):
    user = quote(settings_dict["USER"] or "", safe="")
    password = settings_dict["PASSWORD"]
    auth = f"{user}:{quote(password, safe='')}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


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


class Server:
    """gunicorn serving the app with production settings; only this one process is ours."""

    def __init__(self, workdir):
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.queue = f"bench-signups-{secrets.token_hex(4)}"
        self.log_path = workdir / "gunicorn.log"
        self.process = None
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("CELERY_", "DJANGO_", "TAPESTRY_", "SECURE_"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
                "SECRET_KEY": secrets.token_urlsafe(60),
                "ALLOWED_HOSTS": "127.0.0.1",
                # Replaced by the bench database's address once it exists.
                "DATABASE_URL": os.environ["DATABASE_URL"],
                "EMAIL_HOST": "127.0.0.1",
                "TAPESTRY_BASE_URL": f"https://127.0.0.1:{self.port}",
                "TAPESTRY_VAR_DIR": str(workdir / "var"),
                "STATIC_ROOT": str(workdir / "static"),
                "MEDIA_ROOT": str(workdir / "media"),
                # One address sends every sign-up: lift the per-address limit for this
                # server only (it still counts each attempt in Redis, as in production).
                "TAPESTRY_SIGNUP_RATE_LIMIT": "1000000/600",
                # The outbox nudges land in a queue of our own, removed afterwards.
                "TAPESTRY_CELERY_QUEUE": self.queue,
                "LOG_LEVEL": "WARNING",
            }
        )

    def manage(self, *args):
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def start(self, probe_path):
        from gunicorn.config import KNOWN_SETTINGS

        command = [
            sys.executable, "-m", "gunicorn", "campaign.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(WORKERS),
            "--worker-class", "sync",
            "--forwarded-allow-ips", "127.0.0.1",
        ]  # fmt: skip
        if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
            # Newer gunicorns open a control socket at one fixed path in $HOME by
            # default, which another server on the machine may be using.
            command.append("--no-control-socket")
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        atexit.register(self.stop)
        self._wait_until_ready(probe_path)

    def _wait_until_ready(self, path):
        import requests

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited early:\n{self.log_tail()}")
            try:
                answer = requests.get(self.origin + path, headers=proxy_headers(), timeout=10)
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
                continue
            if answer.status_code != 200:
                raise SystemExit(f"{path} answered {answer.status_code}:\n{self.log_tail()}")
            return
        raise SystemExit(f"gunicorn did not answer within 60 s:\n{self.log_tail()}")

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def drain_queue(self):
        """How many nudges reached the broker; then remove our queue from Redis."""
        import redis

        with redis.Redis.from_url(os.environ["REDIS_URL"]) as client:
            count = client.llen(self.queue)
            # kombu keeps the queue's binding under one of these names, by version.
            client.delete(
                self.queue,
                f"_kombu.binding.{self.queue}",
                f"_kombu.binding_permanent.{self.queue}",
            )
        return count


def proxy_headers(origin=None, referer=None):
    """What the TLS proxy in front of production adds, and what a browser's POST carries."""
    headers = {"X-Forwarded-Proto": "https"}
    if origin:
        headers["Origin"] = origin.replace("http://", "https://")
    if referer:
        headers["Referer"] = referer.replace("http://", "https://")
    return headers


class Phase:
    """One batch of work by all clients at once; collects latencies and errors."""

    def __init__(self, name):
        self.name = name
        self.latencies = []
        self.extra = []
        self.errors = []
        self.seconds = 0.0
        self._lock = threading.Lock()

    def record(self, seconds, error=None, extra=False):
        with self._lock:
            (self.extra if extra else self.latencies).append(seconds)
            if error:
                self.errors.append(error)

    def run(self, work):
        start = threading.Barrier(CLIENTS + 1)
        threads = [
            threading.Thread(target=self._client, args=(work, number, start), daemon=True)
            for number in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        self.seconds = time.perf_counter() - began
        return self

    def _client(self, work, number, start):
        import requests

        with requests.Session() as session:
            start.wait()
            try:
                work(session, number, self)
            except Exception as exc:  # a client that dies must show up as an error
                self.record(0.0, error=f"client {number}: {exc!r}")

    def row(self):
        ms = [s * 1000 for s in self.latencies]
        return [
            self.name,
            len(ms),
            f"{self.seconds:.2f}",
            f"{self.rate:.1f}",
            f"{percentile(ms, 50):.1f}",
            f"{percentile(ms, 95):.1f}",
            f"{percentile(ms, 99):.1f}",
            len(self.errors),
        ]

    @property
    def rate(self):
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def page_views(origin, path, repeats=PER_CLIENT):
    url = origin + path

    def work(session, number, phase):
        for _ in range(repeats):
            began = time.perf_counter()
            answer = session.get(url, headers=proxy_headers(), timeout=60)
            error = None if answer.status_code == 200 else f"GET {path}: {answer.status_code}"
            phase.record(time.perf_counter() - began, error)

    return work


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
    server = Server(workdir)
    collect = None
    try:
        # Static files are collected while the bench database migrates (production's
        # manifest storage needs them); the output is only shown if it failed.
        collect = server.manage("collectstatic", "--noinput", "-v0")
        with bench_database("signups"):
            server.env["DATABASE_URL"] = database_url(connection.settings_dict)
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
            warm = Phase("warm-up").run(page_views(server.origin, page, repeats=1))
            before = Phase("event page GET (before)").run(page_views(server.origin, page))
            signups = Phase("sign-up POST").run(sign_ups(server.origin, big_path, small_path))
            after = Phase("event page GET (after)").run(page_views(server.origin, page))
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
