"""The suite really talks to PostgreSQL and Redis when they are configured (always in CI)."""

import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_runs_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    assert int(version.split(".")[0]) >= 13


@pytest.mark.redis
def test_redis_serves_as_the_django_cache():
    cache = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    cache.set("greeting", {"text": "hello"}, timeout=30)
    assert cache.get("greeting") == {"text": "hello"}
    cache.delete("greeting")
    assert cache.get("greeting") is None
    assert redis.Redis.from_url(settings.REDIS_URL).ping()
