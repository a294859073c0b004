"""Fixtures shared by the project-wide checks: the demo site, a logged-in superuser and the
development settings read in a fresh interpreter."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.support.demo_pages import demo_urls


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo content loaded; returns its public URLs."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
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
