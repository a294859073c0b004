import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from campaign.settings.base import database_from_env

ROOT = Path(settings.BASE_DIR)

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
    "SECRET_KEY": "a" * 20 + "-production-like-key-" + "b" * 30,
    "ALLOWED_HOSTS": "tapestry.example",
    "DATABASE_URL": "postgres://tapestry@127.0.0.1:5432/tapestry",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "127.0.0.1",
    "TAPESTRY_BASE_URL": "https://tapestry.example",
    # Production settings trust one proxy (SECURE_PROXY_SSL_HEADER); say how many hops.
    "TAPESTRY_TRUSTED_PROXY_HOPS": "1",
}


def run_manage(args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop and k not in PRODUCTION_ENV}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_in_production(code, **extra_env):
    """Run Python ``code`` in a process of its own under the production settings."""
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update(PRODUCTION_ENV, **extra_env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.slow(reason="starts the project in a process of its own (about 4 s)")
def test_production_passes_the_deploy_checklist_without_warnings():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize("key", ["short", "dev-only-insecure-key-not-for-production" + "x" * 20])
def test_production_refuses_a_weak_or_development_secret_key(key):
    result = run_manage(["check"], {**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_database_defaults_to_sqlite_tuned_for_several_processes(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_database_url_selects_postgresql_with_health_checks(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.internal:5433/tapestry")
    config = database_from_env(None)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "tapestry")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert "OPTIONS" not in config or "transaction_mode" not in config["OPTIONS"]


def test_celery_is_configured_for_redelivery_of_unfinished_tasks():
    from campaign.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert "heartbeat" in app.conf.beat_schedule


@pytest.mark.slow(reason="starts the project in a process of its own (about 4 s)")
def test_production_logs_one_json_object_per_line():
    code = "import logging, django; django.setup(); logging.getLogger('tapestry').warning('hello')"
    result = run_in_production(code)

    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert (record["level"], record["logger"], record["message"]) == (
        "WARNING",
        "tapestry",
        "hello",
    )


@pytest.mark.slow(reason="starts the project in a process of its own (about 4 s)")
def test_production_serves_compressed_hashed_static_files_and_cached_sessions():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND']); print(s.SESSION_ENGINE)"
    )
    result = run_in_production(code)

    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_signup_rate_limit_keeps_its_default_and_reads_attempts_per_seconds(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from campaign.settings.env import env_rate

    monkeypatch.delenv("TAPESTRY_SIGNUP_RATE_LIMIT", raising=False)
    assert env_rate("TAPESTRY_SIGNUP_RATE_LIMIT", (30, 3600)) == (30, 3600)
    monkeypatch.setenv("TAPESTRY_SIGNUP_RATE_LIMIT", "100000/60")
    assert env_rate("TAPESTRY_SIGNUP_RATE_LIMIT", (30, 3600)) == (100_000, 60)
    for bad in ("30", "30/", "x/60", "0/60", "30/-1"):
        monkeypatch.setenv("TAPESTRY_SIGNUP_RATE_LIMIT", bad)
        with pytest.raises(ImproperlyConfigured, match="TAPESTRY_SIGNUP_RATE_LIMIT"):
            env_rate("TAPESTRY_SIGNUP_RATE_LIMIT", (30, 3600))


def production_value(code, extra_env):
    """Evaluate ``code`` against the production settings module, as ``s`` (only imported:
    the S3 backend's package is an optional extra this test does not need)."""
    return run_in_production("import campaign.settings.production as s; " + code, **extra_env)


def test_media_stays_on_disk_unless_a_bucket_is_named():
    code = "print(s.STORAGES['default']['BACKEND'])"

    on_disk = production_value(code, {})

    assert on_disk.stdout.strip() == "django.core.files.storage.FileSystemStorage"


def test_a_media_bucket_switches_storage_and_allows_only_its_origin_for_images():
    code = (
        "import json; "
        "print(json.dumps([s.STORAGES['default'], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    bucket = {
        "TAPESTRY_MEDIA_BUCKET": "tapestry-media",
        "TAPESTRY_MEDIA_ENDPOINT_URL": "https://objects.example",
        "TAPESTRY_MEDIA_ORIGIN": "https://objects.example",
    }

    result = production_value(code, bucket)
    storage, img_src = json.loads(result.stdout)

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "tapestry-media"
    assert storage["OPTIONS"]["querystring_auth"] is True
    assert img_src == ["'self'", "https://objects.example"]
    missing = production_value(code, {**bucket, "TAPESTRY_MEDIA_ORIGIN": ""})
    assert missing.returncode != 0 and "TAPESTRY_MEDIA_ORIGIN" in missing.stderr


@pytest.mark.slow(reason="starts the project in a process of its own (about 4 s)")
def test_redis_redelivers_after_the_same_delay_as_the_outbox_reclaim():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.CELERY_BROKER_TRANSPORT_OPTIONS; "
        "print(s.TAPESTRY_REDELIVERY_SECONDS, o['visibility_timeout'], "
        "o['unacked_restore_interval'], o['unacked_restore_throttle'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="campaign.settings.dev",
        REDIS_URL="redis://127.0.0.1:1/0",
        TAPESTRY_REDELIVERY_SECONDS="42",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.split() == ["42", "42", "10", "1"], result.stderr


@pytest.mark.slow(reason="starts the project in a process of its own (about 4 s)")
def test_production_keys_carry_the_named_release():
    code = (
        "import django; django.setup(); from django.core.cache import cache; "
        "print(cache.make_key('fragment:x')); print(cache.make_key('shared:editorial-stamp'))"
    )
    result = run_in_production(code, TAPESTRY_RELEASE="2026.12.1")
    assert result.stdout.split() == [
        "tapestry:1:2026.12.1:fragment:x",
        "tapestry:1:shared:editorial-stamp",
    ], result.stderr
