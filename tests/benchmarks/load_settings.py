"""Production settings plus the benchmark's URLconf (a bare view as the ceiling) and an
in-memory mail backend (no mail server on this machine).

Only the load benchmark's gunicorn and worker use it (DJANGO_SETTINGS_MODULE), so the
bare view never exists on a real site.
"""

from campaign.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.load_urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
