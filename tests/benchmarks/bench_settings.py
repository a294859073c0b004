"""Production settings plus the benchmark's URLconf (a bare view as the ceiling).

Only the load benchmark's gunicorn uses it (DJANGO_SETTINGS_MODULE), so the bare view
never exists on a real site.
"""

from campaign.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.bench_urls"
