"""pytest-xdist workers (`make test-fast`, `make test`) share PostgreSQL and Redis but not
their data: each has a database of its own and a Redis namespace of its own, whose clear()
leaves every other worker's keys alone."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from campaign.settings.test import worker_redis_cache
from tests.support.parallel import WorkerScopedRedisCache, glob_escape


def _cache(worker):
    config = worker_redis_cache(settings.REDIS_URL, worker)
    return WorkerScopedRedisCache(config["LOCATION"], config)


def _settings_of_worker(worker):
    """The test settings as a process that xdist named ``worker`` (None: no xdist) reads them."""
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"}
    if worker is not None:
        env["PYTEST_XDIST_WORKER"] = worker
    env["DJANGO_SETTINGS_MODULE"] = "campaign.settings.test"
    code = (
        "import json; from django.conf import settings; print(json.dumps("
        "[settings.TEST_WORKER, settings.CACHES.get('redis', {}).get('KEY_PREFIX'),"
        " settings.CELERY_TASK_DEFAULT_QUEUE]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


@pytest.mark.redis
def test_one_workers_clear_leaves_another_workers_keys():
    # Names of this test's own, so that real workers running beside it lose nothing.
    run = uuid.uuid4().hex
    first, second = _cache(f"gw0-{run}"), _cache(f"gw1-{run}")
    first_again = _cache(f"gw0-{run}")
    try:
        first.set("story-cards", "first's", timeout=60)
        second.set("story-cards", "second's", timeout=60)
        first_again.set("site-root-paths", "first's too", timeout=60)
        # The same key, two values: neither worker reads the other's.
        assert first.get("story-cards") == "first's"
        assert second.get("story-cards") == "second's"

        first.clear()

        assert first.get("story-cards") is None
        # The control: the same prefix is the same namespace, so a key written through
        # another client of worker gw0 (one that clear() never saw) is gone too.
        assert first_again.get("site-root-paths") is None
        # Another worker's key is untouched (FLUSHDB would have taken it).
        assert second.get("story-cards") == "second's"
    finally:
        second.clear()


@pytest.mark.redis
def test_clear_takes_a_prefix_literally():
    """A prefix holding glob characters matches only itself, not a wider set of keys."""
    run = uuid.uuid4().hex
    star, other = _cache(f"gw*{run}"), _cache(f"gw1{run}")
    try:
        other.set("key", "kept", timeout=60)
        star.set("key", "dropped", timeout=60)
        star.clear()
        assert star.get("key") is None
        assert other.get("key") == "kept"
    finally:
        other.clear()
    assert glob_escape("a*b?[c]\\") == "a\\*b\\?\\[c\\]\\\\"


def test_a_scoped_cache_refuses_to_run_without_a_prefix():
    with pytest.raises(ValueError, match="KEY_PREFIX"):
        WorkerScopedRedisCache("redis://127.0.0.1:6379/0", {})


@pytest.mark.redis
def test_each_worker_reads_its_own_namespace_from_xdist():
    assert _settings_of_worker("gw7") == ["gw7", "test-gw7", "tapestry-test-gw7"]
    assert _settings_of_worker(None) == ["main", "test-main", "tapestry-test-main"]


@pytest.mark.redis
def test_this_process_uses_its_workers_namespace():
    worker = os.environ.get("PYTEST_XDIST_WORKER") or "main"
    assert worker == settings.TEST_WORKER
    assert caches["redis"].key_prefix == f"test-{worker}"
    assert isinstance(caches["redis"], WorkerScopedRedisCache)


@pytest.mark.postgres
@pytest.mark.django_db
def test_this_worker_has_a_database_of_its_own_copied_from_the_template():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = connection.settings_dict["NAME"]
    assert name.startswith("test_")
    if worker:
        assert name.endswith(f"_{worker}")
    else:
        assert "_gw" not in name
    assert "_tpl_" in connection.settings_dict["TEST"]["TEMPLATE"]
