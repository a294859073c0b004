"""Which real services this run has. Tests that need one skip without it, except in CI."""

import os

from django.conf import settings
from django.db import connection


def in_ci():
    return os.environ.get("CI", "").lower() == "true"


def postgres_missing_reason():
    if connection.vendor == "postgresql":
        return None
    return "needs PostgreSQL: set DATABASE_URL=postgres://… to run it"


def redis_missing_reason():
    url = settings.REDIS_URL
    if not url:
        return "needs Redis: set REDIS_URL=redis://… to run it"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"needs Redis, but {url} did not answer: {exc}"
    return None
