"""Shared by the load benchmarks: gunicorn with production settings on the loopback, a
throwaway PostgreSQL database, and client threads that time what they ask for."""

import atexit
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import quote

from tests.benchmarks._setup import ROOT


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


class _Process:
    """A process this benchmark started (``self.process``), logging to ``self.log_path``."""

    process = None
    log_path = None

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"


# Benchmarks count every free seat held: lift the bounds on unconfirmed holds, which
# tests/events/bookings/test_journeys_holds.py covers (a few clients sign up many people here).
UNBOUNDED_HOLDS = {
    "TAPESTRY_HOLDS_PER_ADDRESS": "1000000",
    "TAPESTRY_HOLDS_PER_CLIENT": "1000000/3600",
    "TAPESTRY_HOLDS_PER_CLIENT_PER_BOOKABLE": "1000000",
    "TAPESTRY_HOLDS_PER_BOOKABLE_PERCENT": "100",
}


class Server(_Process):
    """gunicorn serving the app with production settings; only this one process is ours."""

    def __init__(self, workdir, *, name, workers, settings="campaign.settings.production"):
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.queue = f"bench-{name}-{secrets.token_hex(4)}"
        self.log_path = workdir / "gunicorn.log"
        self.process = None
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("CELERY_", "DJANGO_", "TAPESTRY_", "SECURE_"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": settings,
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
            "--workers", str(self.workers),
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


class Worker(_Process):
    """A Celery worker with its embedded beat, on the server's settings and queue: the
    production stack's other half. Mail goes to Django's in-memory backend
    (load_settings), so sending costs what it costs without a mail server."""

    def __init__(self, server, workdir, name):
        self.env = {**server.env, "TAPESTRY_SWEEP_SECONDS": "2", "TAPESTRY_HEARTBEAT_SECONDS": "5"}
        self.log_path = workdir / f"worker-{name}.log"
        self.schedule = workdir / f"beat-{name}"
        self.process = None

    def start(self):
        command = [
            sys.executable, "-m", "celery", "-A", "campaign", "worker", "--beat",
            f"--schedule={self.schedule}", "--pool=solo", "--loglevel=WARNING",
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        atexit.register(self.stop)


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

    def __init__(self, name, clients):
        self.name = name
        self.clients = clients
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
        start = threading.Barrier(self.clients + 1)
        threads = [
            threading.Thread(target=self._client, args=(work, number, start), daemon=True)
            for number in range(self.clients)
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


def page_views(origin, path, repeats):
    url = origin + path

    def work(session, number, phase):
        for _ in range(repeats):
            began = time.perf_counter()
            answer = session.get(url, headers=proxy_headers(), timeout=60)
            error = None if answer.status_code == 200 else f"GET {path}: {answer.status_code}"
            phase.record(time.perf_counter() - began, error)

    return work
