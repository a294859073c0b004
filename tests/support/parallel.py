"""What keeps pytest-xdist workers apart when they share one Redis database.

Each worker's Redis cache (campaign/settings/test.py, ``worker_redis_cache``) prefixes its
keys with the worker's name. A prefix alone is not enough: Django's RedisCache.clear() is
FLUSHDB, which empties the whole database, every other worker's keys included. Here
clear() deletes only the keys under this cache's own prefix.
"""

import re

from campaign.cache import DegradingRedisCache

# Characters that mean something in a Redis MATCH pattern.
_GLOB = re.compile(r"([*?\[\]\\])")
_BATCH = 500


def glob_escape(text):
    return _GLOB.sub(r"\\\1", text)


class WorkerScopedRedisCache(DegradingRedisCache):
    """The production cache class, except that clear() stays inside its KEY_PREFIX.

    Keys start as Django's default key function starts them, ``prefix:version:``; the
    site's own (campaign/cache_keys.py) adds the release after that.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        if not self.key_prefix:
            raise ValueError("a worker's Redis cache needs a KEY_PREFIX of its own")

    def clear(self):
        client = self._cache.get_client(write=True)
        pattern = glob_escape(self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=_BATCH):
            batch.append(key)
            if len(batch) >= _BATCH:
                client.unlink(*batch)
                batch.clear()
        if batch:
            client.unlink(*batch)
        return True
