"""Settings for the test suite. DATABASE_URL and REDIS_URL switch it to real services."""

import os

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

VAR_DIR.mkdir(parents=True, exist_ok=True)

# A file, not :memory:, so that a worker process started by a test sees the same rows.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# Pictures, renditions and share cards that tests write stay apart from the development
# site's media/ (tests that look at files point MEDIA_ROOT at a folder of their own).
MEDIA_ROOT = VAR_DIR / "test-media"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# pytest-xdist runs the suite in several worker processes at once and names each in this
# variable (gw0, gw1, ...); a run without it is one process, "main". pytest-django gives
# each worker its own database (the test database's name ends in _gw0, _gw1); whatever
# the suite keeps in the shared Redis is kept apart by this name (below).
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER") or "main"


def worker_redis_cache(url, worker):
    """A Redis cache for test worker ``worker``: its keys start with a prefix of its own,
    and its clear() deletes only those (Django's RedisCache.clear() empties the whole
    Redis database, every other worker's keys included)."""
    return {
        "BACKEND": "tests.support.parallel.WorkerScopedRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"test-{worker}",
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
    }


# Tests get a private cache, and the page cache and the rate limits with it: a locmem
# cache lives in one process, so each xdist worker has its own and its clear() reaches
# no other. Tests of the Redis cache itself take the "redis" alias, scoped per worker.
# Room for every kept card of a large listing: at Django's default of 300 entries locmem
# culls a third of them at once, dropping Wagtail's site root paths with the cards (one
# more query on the next page), which Redis in production does not do.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Keys as the site makes them: the release in each but the shared ones.
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}
if REDIS_URL:
    CACHES["redis"] = worker_redis_cache(REDIS_URL, TEST_WORKER)

# The suite rebuilds the database for every test while the locmem cache lives as long as
# the process: a page stored by one test would be served to the next. The page cache's
# own tests (tests/campaign/test_page_cache.py) turn it on and empty it.
TAPESTRY_PAGE_CACHE_SECONDS = 0

# Nothing in the suite talks to a broker unless a test starts a worker on purpose.
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_RESULT_BACKEND = None
# Tests that start a real worker on the shared Redis name a queue of their own (uuid4); a
# task sent without one lands in this worker's queue, never in another worker's.
CELERY_TASK_DEFAULT_QUEUE = f"tapestry-test-{TEST_WORKER}"

WAGTAILADMIN_BASE_URL = "http://testserver"

# django-axes needs a request to count a login, and Django's test client logs in without
# one; tests of the lockout turn it on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
