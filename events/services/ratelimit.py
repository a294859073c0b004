"""A fixed-window rate limit kept in the cache, shared by every web process."""

import hashlib
import time

from django.core.cache import cache


def client_ip(request):
    # REMOTE_ADDR is the proxy in production; the proxy is configured to set it correctly.
    return request.META.get("REMOTE_ADDR", "")


def allow(scope, key, limit, window_seconds, now=None):
    """Count one hit for ``key`` in ``scope``; False once ``limit`` hits fill the window."""
    now = now or time.time()
    bucket = int(now // window_seconds)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{bucket}"
    cache.add(cache_key, 0, timeout=window_seconds + 5)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(cache_key, 1, timeout=window_seconds + 5)
        hits = 1
    return hits <= limit
