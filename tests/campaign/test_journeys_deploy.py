"""Issue 17, item 6: a proxy without trusted hops is flagged by `check --deploy`; every
response has a Permissions-Policy; TRACE is refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from campaign.checks import PROXY_HOPS_UNSET

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "check-only-" + "0" * 64,
    "ALLOWED_HOSTS": "tapestry.example",
    "DATABASE_URL": "postgres://user@127.0.0.1:5432/check",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "127.0.0.1",
    "TAPESTRY_BASE_URL": "https://tapestry.example",
}


def deploy_check(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAPESTRY_")}
    env.update(PRODUCTION_ENV, **extra)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=campaign.settings.production",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow(reason="runs manage.py check --deploy in processes of its own (about 9 s)")
def test_production_behind_a_proxy_without_hops_warns_in_check_deploy():
    unset = deploy_check()
    assert unset.returncode != 0
    assert PROXY_HOPS_UNSET in unset.stderr + unset.stdout

    told = deploy_check(TAPESTRY_TRUSTED_PROXY_HOPS="1")
    assert PROXY_HOPS_UNSET not in told.stderr + told.stdout


def test_the_check_follows_the_settings(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TAPESTRY_TRUSTED_PROXY_HOPS = 0
    assert PROXY_HOPS_UNSET in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.TAPESTRY_TRUSTED_PROXY_HOPS = 2
    assert PROXY_HOPS_UNSET not in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.USE_X_FORWARDED_HOST = False
    settings.TAPESTRY_TRUSTED_PROXY_HOPS = 0
    assert PROXY_HOPS_UNSET not in [m.id for m in run_checks(include_deployment_checks=True)]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/feeds/stories/rss/", "/healthz"])
def test_every_response_has_a_permissions_policy(client, path):
    response = client.get(path)
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/my-bookings/", "/admin/login/"])
def test_trace_is_refused(client, path):
    response = client.generic("TRACE", path)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]
