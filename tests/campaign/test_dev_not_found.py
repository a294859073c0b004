"""`make run` (DEBUG) shows the site's own 404 page for a mistyped address; Django's debug
page is one environment variable away (TAPESTRY_DEBUG_404=1)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

DESIGNED = "We couldn"
TECHNICAL = "Django tried these URL patterns"
NAME = "campaign.middleware.DesignedNotFoundMiddleware"


def dev_middleware(tmp_path, **variables):
    env = {key: value for key, value in os.environ.items() if key != "TAPESTRY_DEBUG_404"}
    env.update(
        DJANGO_SETTINGS_MODULE="campaign.settings.dev", TAPESTRY_VAR_DIR=str(tmp_path), **variables
    )
    code = "from django.conf import settings; print(*settings.MIDDLEWARE)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_development_settings_turn_the_designed_404_on_unless_asked_not_to(tmp_path):
    assert NAME in dev_middleware(tmp_path)
    assert NAME not in dev_middleware(tmp_path, TAPESTRY_DEBUG_404="1")


@pytest.mark.django_db
@pytest.mark.parametrize("designed", [True, False])
def test_debug_shows_the_designed_404_for_a_mistyped_address(client, settings, designed):
    settings.DEBUG = True
    if designed:
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE,
            "campaign.middleware.DesignedNotFoundMiddleware",
        ]

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    if designed:
        assert DESIGNED in html and TECHNICAL not in html
    else:  # the control: without it, Django's debug page
        assert TECHNICAL in html or "Raised by:" in html
