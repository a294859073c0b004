"""Fixtures shared by the project-wide checks: the demo site and a logged-in superuser."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.e2e.test_accessibility_scan import demo_urls


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
