"""A story's share meta (title, description, card image), kept between requests.

Working it out costs half a dozen queries (the campaign that features the story, the
site's brand, the card row). The key names the page's published version, the language
and the address the links are built for, so a publish shows at once; what changes no page
(a campaign's or the brand's colours, hence a new card) shows within ``SECONDS``, as the
story cards do. Private pages, previews and drafts are never kept.
"""

import hashlib

from django.core.cache import cache
from django.utils import translation

from events.sharing.services import social

SECONDS = 300


def meta_for(request, page):
    """``social.meta_for(request, page)``, from the cache when the page is public and live."""
    if getattr(request, "is_preview", False) or not page.live or social.is_private(page):
        return social.meta_for(request, page)
    key = _key(request, page)
    meta = cache.get(key)
    if meta is None:
        meta = social.meta_for(request, page)
        cache.set(key, meta, SECONDS)
    else:
        # The head tags and the structured data ask social.meta_for again: same answer.
        request.__dict__.setdefault("_tapestry_social_meta", {})[(type(page), page.pk, "")] = meta
    return meta


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
