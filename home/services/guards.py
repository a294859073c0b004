"""Spam and abuse guards shared by the public forms: rate limits, links, duplicates.

Nothing here stores a reader's address. A sender is known only by a keyed hash of it,
which is enough to count their posts and useless to anyone without the site's key.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.cache import cache

MAX_LINKS = 2
LINK_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


class GuardError(Exception):
    """A submission was refused; ``message`` is safe and kind to show the reader."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(GuardError):
    pass


class Duplicate(GuardError):
    pass


def client_address(request):
    """The reader's address. Behind ``TAPESTRY_TRUSTED_PROXY_HOPS`` proxies, the address
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


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def fingerprint(*parts):
    """A hash of the parts with case and spacing ignored, for spotting repeats."""
    normalised = "\x1f".join(WHITESPACE.sub(" ", str(part)).strip().casefold() for part in parts)
    return hashlib.sha256(normalised.encode()).hexdigest()


def rate_limit(scope, sender, *, limit, window_seconds):
    """Count one attempt by ``sender`` and refuse it when over ``limit`` in the window.

    A fixed window that starts with the first attempt; the cache is shared by every web
    process (Redis in production), so the limit holds across them.
    """
    key = f"tapestry:rate:{scope}:{sender}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        attempts = 1
    if attempts > limit:
        minutes = max(1, window_seconds // 60)
        raise RateLimited(
            "You have sent several messages in a short time. Please wait "
            f"{minutes} minutes and try again; nothing you wrote has been lost."
        )
