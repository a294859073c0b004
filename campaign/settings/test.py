"""Settings for the test suite. DATABASE_URL and REDIS_URL switch it to real services."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

VAR_DIR.mkdir(parents=True, exist_ok=True)

# A file, not :memory:, so that a worker process started by a test sees the same rows.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tests get a private cache; the Redis cache is exercised by tests that ask for it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The suite rebuilds the database for every test while the locmem cache lives as long as
# the process: a page stored by one test would be served to the next. The page cache's
# own tests (tests/campaign/test_page_cache.py) turn it on and empty it.
TAPESTRY_PAGE_CACHE_SECONDS = 0

# Nothing in the suite talks to a broker unless a test starts a worker on purpose.
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_RESULT_BACKEND = None

WAGTAILADMIN_BASE_URL = "http://testserver"

# django-axes needs a request to count a login, and Django's test client logs in without
# one; tests of the lockout turn it on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
