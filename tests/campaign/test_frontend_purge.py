"""The front-end cache (Varnish, a CDN) is told of purges by a Celery task after the commit:
in batches, retried while it fails, and told of whole purges too. A loopback server stands
in for Varnish; one test runs the project's real worker."""

import contextlib
import logging
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from celery import current_app
from django.conf import settings as django_settings
from django.core.cache import cache
from wagtail.models import Site

from campaign import frontend_cache, pagecache
from campaign.celery import app
from tests.support.worker import celery_worker


class Varnish(BaseHTTPRequestHandler):
    """Answers PURGE with 200, or 503 while ``failures_left`` is above zero."""

    received = []
    failures_left = 0
    location = ""  # set by the fixture: a free port, so parallel runs never collide
    lock = threading.Lock()

    def do_PURGE(self):
        with self.lock:
            failing = Varnish.failures_left > 0
            Varnish.failures_left -= failing
            if not failing:
                Varnish.received.append((self.headers["Host"], self.path))
        self.send_response(503 if failing else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    Varnish.received, Varnish.failures_left = [], 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    Varnish.location = f"http://127.0.0.1:{server.server_address[1]}"
    # A short poll: shutdown() below waits for the next one (0.5 s by default).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "campaign.frontend_cache.TimedHTTPBackend",
            "LOCATION": Varnish.location,
        }
    }
    yield Varnish
    server.shutdown()
    server.server_close()


@pytest.fixture
def eager_tasks():
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def paths(received):
    return sorted(path for _host, path in received)


def test_urls_travel_in_batches_each_once():
    urls = [f"http://example.org/{n}/" for n in range(250)] + ["http://example.org/0/"]
    batches = frontend_cache.batches(urls)
    assert [len(batch) for batch in batches] == [100, 100, 50]
    assert sorted(url for batch in batches for url in batch) == sorted(set(urls))


@pytest.mark.django_db
def test_the_purge_waits_for_the_commit_and_the_local_purge_does_not(
    varnish, eager_tasks, django_capture_on_commit_callbacks
):
    scope = pagecache._target_scope(pagecache.Target("http://testserver/a/"))
    before = pagecache.current_generation({}, [scope])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.purge_on_commit([pagecache.Target("http://testserver/a/")])
    assert varnish.received == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert pagecache.current_generation({}, [scope]) != before
    assert paths(varnish.received) == ["/a/", "/es/a/"]


@pytest.mark.django_db
def test_a_failing_front_end_is_retried_until_it_answers(varnish, eager_tasks):
    varnish.failures_left = 3
    pagecache.purge([pagecache.Target("http://testserver/a/")])
    # Each failed attempt is retried (eagerly here, with backoff in a worker); a URL
    # that went through may be sent again with its batch (purging twice is harmless).
    assert sorted(set(paths(varnish.received))) == ["/a/", "/es/a/"]
    assert varnish.failures_left == 0


@pytest.mark.django_db
def test_control_a_front_end_that_keeps_failing_is_given_up_on(varnish, eager_tasks):
    varnish.failures_left = 1000
    pagecache.purge([pagecache.Target("http://testserver/a/")])
    attempts = 1000 - varnish.failures_left
    # Two URLs per attempt: the first try and MAX_RETRIES retries, then it stops.
    assert attempts == 2 * (frontend_cache.MAX_RETRIES + 1)
    assert varnish.received == []


@pytest.fixture
def silent_front_end():
    """A loopback port that takes connections (the kernel's backlog) and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_a_front_end_that_never_answers_fails_within_the_timeout(silent_front_end):
    backend = frontend_cache.TimedHTTPBackend({"LOCATION": silent_front_end, "TIMEOUT": 0.2})
    failures = frontend_cache._Failures()
    logger = logging.getLogger(frontend_cache.WAGTAIL_LOGGER)
    logger.addHandler(failures)
    started = time.monotonic()
    try:
        backend.purge("http://example.org/a/")
    finally:
        logger.removeHandler(failures)
    assert time.monotonic() - started < 5
    # Logged as a failure, which the task turns into a retry.
    assert len(failures.messages) == 1 and "example.org/a/" in failures.messages[0]


def test_control_wagtails_own_backend_waits_on_a_silent_front_end(silent_front_end):
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    backend = HTTPBackend({"LOCATION": silent_front_end})

    def purge():
        # The listener's close at the end of the test resets the connection and ends it.
        with contextlib.suppress(OSError):
            backend.purge("http://example.org/a/")

    thread = threading.Thread(target=purge, daemon=True)
    thread.start()
    thread.join(1)
    # Still waiting after five times the timeout above (it would wait for good).
    assert thread.is_alive()


def test_the_front_end_is_told_the_pages_host_and_path(varnish):
    backend = frontend_cache.TimedHTTPBackend({"LOCATION": varnish.location})
    backend.purge("http://tapestry.example:8080/events/walk/?page=2")
    assert varnish.received == [("tapestry.example:8080", "/events/walk/?page=2")]


@pytest.mark.django_db
def test_a_whole_purge_tells_the_front_end_to_drop_each_site_root(varnish, eager_tasks):
    site = Site.objects.get(is_default_site=True)
    pagecache.purge()
    host = urlsplit(site.root_url).netloc
    assert {h for h, _path in varnish.received} == {host}
    assert paths(varnish.received) == ["/", "/*", "/es/", "/es/*"]


@pytest.mark.django_db
def test_without_a_front_end_nothing_is_queued(settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {}
    queued = []
    monkeypatch.setattr(frontend_cache.purge_task, "delay", queued.append)
    pagecache.purge([pagecache.Target("http://testserver/a/")])
    pagecache.purge()
    assert queued == []


@pytest.mark.redis
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_purges_the_front_end_and_retries(tmp_path, varnish):
    varnish.failures_left = 1
    queue = f"test-{uuid.uuid4().hex}"
    urls = ["http://testserver/a/", "http://testserver/es/a/"]
    env = {"TAPESTRY_FRONTEND_CACHE_URL": varnish.location}
    with celery_worker(
        tmp_path, broker_url=django_settings.REDIS_URL, queue=queue, extra_env=env
    ) as running:
        with app.connection_for_write(django_settings.REDIS_URL) as connection:
            frontend_cache.purge_task.apply_async(args=[urls], queue=queue, connection=connection)
        # "/a/" met the 503 on the first attempt: it arrives only with the retry.
        running.wait_for(lambda: "/a/" in paths(varnish.received), timeout=60)
    assert sorted(set(paths(varnish.received))) == ["/a/", "/es/a/"]
    assert varnish.failures_left == 0
