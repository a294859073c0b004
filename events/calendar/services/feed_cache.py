"""Built feeds, cached under a generation token that every fragment change replaces, so
a warm request or a 304 costs a cache read and no query."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from campaign.cache_keys import shared_key
from events.calendar.services import feed_assembly

GENERATION_KEY = shared_key("events:feeds:generation")


def cache_seconds():
    return getattr(settings, "TAPESTRY_FEED_CACHE_SECONDS", 24 * 3600)


def generation():
    """(token, unix time) of the last change to any fragment; shared by all processes."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = (uuid.uuid4().hex, int(timezone.now().timestamp()))
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY) or value
    return value


def invalidate():
    """Every cached feed is stale: now, and again once the change is committed."""

    def bump():
        cache.set(GENERATION_KEY, (uuid.uuid4().hex, int(timezone.now().timestamp())), None)

    bump()
    transaction.on_commit(bump)


@dataclass(frozen=True)
class FeedMeta:
    etag: str
    last_modified: int  # unix time


def _cache_key(selection, show_cancelled, now):
    token, _when_changed = generation()
    # The day is part of the key so that tombstones expire without any change.
    day = (now or timezone.now()).astimezone(UTC).date().isoformat()
    # Calendar names and descriptions are in the request's language: one copy per language.
    language = translation.get_language() or ""
    digest = hashlib.sha256(f"{selection.key}|{language}".encode()).hexdigest()[:32]
    return f"events:feed:{token}:{day}:{int(show_cancelled)}:{digest}"


def cached_meta(selection, *, show_cancelled=True, now=None):
    """ETag and Last-Modified of a built feed, if it is in the cache (no query)."""
    value = cache.get(_cache_key(selection, show_cancelled, now) + ":meta")
    return FeedMeta(*value) if value else None


def get_feed(selection, *, show_cancelled=True, now=None):
    """(bytes, FeedMeta): from the cache, else assembled from fragments and cached."""
    key = _cache_key(selection, show_cancelled, now)
    cached = cache.get_many([key, key + ":meta"])
    if key in cached and key + ":meta" in cached:
        return cached[key], FeedMeta(*cached[key + ":meta"])
    body = feed_assembly.assemble(selection, now=now, show_cancelled=show_cancelled)
    meta = FeedMeta(
        etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
        last_modified=generation()[1],
    )
    cache.set_many({key: body, key + ":meta": (meta.etag, meta.last_modified)}, cache_seconds())
    return body, meta
