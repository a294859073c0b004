"""Settings for a gunicorn node started by a test (tests/campaign/test_two_nodes.py): the
development settings on the test's database and Redis (cache and page cache on), signing
with the test suite's key so a session made by the test is valid on the node."""

from campaign.settings.dev import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
# Each test's nodes share a cache namespace of their own (the Redis db outlives the test).
CACHES["default"]["KEY_PREFIX"] = env("TAPESTRY_TEST_CACHE_PREFIX", "tapestry")  # noqa: F405

# The overbooking control's nodes (and only theirs) run the seat engine without its lock:
# see tests/support/forgotten_seat_lock.py.
if env("TAPESTRY_TEST_FORGET_SEAT_LOCK", "") == "1":  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "tests.support.forgotten_seat_lock.ForgottenSeatLock"]  # noqa: F405
    TAPESTRY_TEST_SEAT_RACE_SECONDS = float(env("TAPESTRY_TEST_SEAT_RACE_SECONDS", "0"))  # noqa: F405
