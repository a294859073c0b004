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
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.support.demo_pages import demo_urls


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once per test module, in a transaction rolled back after its last test.

    Loading the demo takes seconds; every test that asks for it runs inside a savepoint of
    this transaction (the ``db`` fixture nests its atomic block, as Django's TestCase does
    under setUpTestData), so whatever a test writes is undone before the next one starts.
    """
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            urls = demo_urls()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            media.disable()
            raise
    try:
        yield urls
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        media.disable()
        cache.clear()


@pytest.fixture
def demo(_demo_in_module, db):
    """The demo content loaded; returns its public URLs."""
    # Nothing one test cached (Wagtail's site paths, a page) reaches the next one.
    cache.clear()
    return dict(_demo_in_module)


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
