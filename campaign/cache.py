"""A Redis cache that degrades instead of failing the request when Redis is away.

Everything the site keeps in the cache can be rebuilt from the database (Wagtail's site
root paths, stored pages, feeds), so while Redis is unreachable a read is a miss and a
write is dropped: pages get slower, never a 500. After a failure Redis is left alone for
``RETRY_SECONDS`` (each request would otherwise wait for a refused connection), then tried
again. The outage is logged once when it starts and once when it ends.

Counting needs a real answer, so ``incr`` raises ``CacheUnavailable`` instead; the rate
limiter then counts in its own process (events.core.services.ratelimit).
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class CacheUnavailable(Exception):
    """The shared cache cannot answer a question that has no safe default (``incr``)."""


def _degrades(fallback):
    """Run the Redis call unless Redis is resting; on an outage return ``fallback(args)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._resting():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except OUTAGE_ERRORS as exc:
                self._went_down(exc)
                return fallback(*args, **kwargs)
            self._came_back()
            return result

        return wrapper

    return decorate


def _miss(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _unavailable(*args, **kwargs):
    raise CacheUnavailable("the shared cache is unreachable")


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django makes a new ``redis.Redis`` for every operation, and each one builds its table of
    reply handlers (over a thousand dictionary entries): ~0.3 ms of CPU a cache read, several
    reads a page. A ``redis.Redis`` is safe to share between threads (each command takes a
    connection from the pool), and its pool notices a fork.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    # Short: an outage costs a few slow requests per process, and recovery is noticed soon.
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._state_lock = threading.Lock()
        self._down_since = None
        self._retry_at = 0.0

    @property
    def degraded(self):
        return self._down_since is not None

    def _resting(self):
        return self._down_since is not None and time.monotonic() < self._retry_at

    def _went_down(self, exc):
        with self._state_lock:
            first = self._down_since is None
            now = time.monotonic()
            if first:
                self._down_since = now
            self._retry_at = now + self.RETRY_SECONDS
        if first:
            logger.warning("Cache unreachable, serving without it until it is back: %s", exc)

    def _came_back(self):
        if self._down_since is None:
            return
        with self._state_lock:
            since, self._down_since = self._down_since, None
        if since is not None:
            logger.warning("Cache reachable again after %.0f s", time.monotonic() - since)

    get = _degrades(_miss)(RedisCache.get)
    get_many = _degrades(_empty)(RedisCache.get_many)
    has_key = _degrades(_false)(RedisCache.has_key)
    set = _degrades(_nothing)(RedisCache.set)
    set_many = _degrades(lambda data, *a, **k: list(data))(RedisCache.set_many)
    add = _degrades(_false)(RedisCache.add)
    touch = _degrades(_false)(RedisCache.touch)
    delete = _degrades(_false)(RedisCache.delete)
    delete_many = _degrades(_nothing)(RedisCache.delete_many)
    clear = _degrades(_false)(RedisCache.clear)
    incr = _degrades(_unavailable)(RedisCache.incr)
