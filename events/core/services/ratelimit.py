"""Who is asking, and how often: shared by every public form (comments, stories, links).

A sender is known only by a keyed hash of their address, which is enough to count their
requests and useless to anyone without the site's key. Counts live in the cache, which
every web process shares (Redis in production), so a limit holds across them. While the
shared cache is unreachable each process counts on its own (``_LocalCounter``): a limit
then holds per process, looser but never off.
"""

import hashlib
import hmac
import threading
import time

from django.conf import settings
from django.core.cache import cache

from campaign.cache import CacheUnavailable
from campaign.cache_keys import shared_key


def client_address(request):
    """The client's address. Behind ``TAPESTRY_TRUSTED_PROXY_HOPS`` proxies, the address
    the outermost trusted proxy saw (from X-Forwarded-For); otherwise REMOTE_ADDR.

    Only trusted hops are believed: a client can put anything at the start of the header.
    """
    hops = getattr(settings, "TAPESTRY_TRUSTED_PROXY_HOPS", 0)
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def sender_hash(request):
    """A keyed hash of the client address: counts a sender without storing who they are."""
    address = client_address(request) if request else ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"sender:{address}".encode(), hashlib.sha256).hexdigest()


def allow(scope, sender, *, limit, window_seconds):
    """Count one attempt by ``sender`` in ``scope``; False once over ``limit`` in the window.

    A fixed window that starts with the sender's first attempt.
    """
    return bump(shared_key(f"rate:{scope}:{sender}"), window_seconds) <= limit


def bump(key, window_seconds):
    """Add one to the counter ``key`` (a fixed window from its first count) and return it.

    Counted in the shared cache; while that is away, in this process's memory: looser
    (per process) but never off, and never an error page.
    """
    try:
        cache.add(key, 0, timeout=window_seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window_seconds)
            return 1
    except CacheUnavailable:
        return _local.incr(key, window_seconds)


class _LocalCounter:
    """Fixed windows in this process's memory, for while the shared cache is away."""

    MAX_KEYS = 10_000

    def __init__(self):
        self._lock = threading.Lock()
        self._windows = {}  # key -> (window end, attempts)

    def incr(self, key, window_seconds):
        now = time.monotonic()
        with self._lock:
            if len(self._windows) >= self.MAX_KEYS:
                self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
            ends, attempts = self._windows.get(key, (0.0, 0))
            if ends <= now:
                ends, attempts = now + window_seconds, 0
            attempts += 1
            self._windows[key] = (ends, attempts)
            return attempts


_local = _LocalCounter()
