"""Fixtures shared by the project-wide checks: the demo site, a logged-in superuser and the
development settings read in a fresh interpreter."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.support.demo_pages import demo_urls


@pytest.fixture
def demo(demo_for_module, db, settings):
    """The demo content (loaded once per module, each test's writes undone); its public URLs."""
    settings.MEDIA_ROOT = demo_for_module
    # Nothing one test cached (Wagtail's site paths, a page) reaches the next one.
    cache.clear()
    return demo_urls()


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 20)
    client.force_login(user)
    return client


@pytest.fixture
def dev_setting(tmp_path):
    """Reads a setting as ``campaign.settings.dev`` computes it from the environment.

    Each call starts a fresh interpreter (the module reads the environment on import) with
    its own var directory, without the environment's base URL or debug-404 switch, plus the
    given variables. The value comes back through JSON.
    """

    def read(name, **variables):
        overridden = ("TAPESTRY_BASE_URL", "TAPESTRY_DEBUG_404")
        env = {key: value for key, value in os.environ.items() if key not in overridden}
        env.update(
            DJANGO_SETTINGS_MODULE="campaign.settings.dev",
            TAPESTRY_VAR_DIR=str(tmp_path),
            **variables,
        )
        code = f"import json; from django.conf import settings; print(json.dumps(settings.{name}))"
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=django_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    return read
