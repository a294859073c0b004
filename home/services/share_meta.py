"""A story's share meta (title, description, card image), kept between requests.

Working it out costs half a dozen queries (the campaign that features the story, the
site's brand, the card row). The key names the page's published version, the language
and the address the links are built for, so a publish shows at once; what changes no page
(a campaign's or the brand's colours, hence a new card) shows within ``SECONDS``, as the
story cards do. Private pages, previews and drafts are never kept.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone, translation

from events.core.services import editorial_stamp
from events.sharing.services import social

SECONDS = 300


def meta_for(request, page, *, now=None):
    """``social.meta_for(request, page)``, from the cache when the page is public and live.

    The shared copy is also kept in this process, under the editorial stamp and only until
    the shared one would have expired: the same answer without a trip to the cache on each
    view of the story."""
    if getattr(request, "is_preview", False) or not page.live or social.is_private(page):
        return social.meta_for(request, page)
    key = _key(request, page)
    now = now or timezone.now()
    meta = editorial_stamp.kept_here_until(
        key, lambda: _shared(key, request, page, now), now, room="pages"
    )
    # The head tags and the structured data ask social.meta_for again: same answer.
    request.__dict__.setdefault("_tapestry_social_meta", {})[(type(page), page.pk, "")] = meta
    return meta


def _shared(key, request, page, now):
    """(meta, until) from the shared cache, else worked out and stored there for
    ``SECONDS``; ``until`` is when the shared copy expires."""
    found = cache.get(key)
    if found is None:
        found = (social.meta_for(request, page), now)
        cache.set(key, found, SECONDS)
    meta, stored = found
    return meta, stored + timedelta(seconds=SECONDS)


def _key(request, page):
    stamps = (
        type(page).__name__,
        page.pk,
        page.latest_revision_id,
        page.last_published_at,
        translation.get_language(),
        request.build_absolute_uri("/"),
    )
    return "stories:share-meta:" + hashlib.sha256(repr(stamps).encode()).hexdigest()
