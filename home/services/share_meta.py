"""A story's share meta (title, description, card image), kept between requests.

Working it out costs half a dozen queries (the campaign that features the story, the
site's brand, the card row). The key names the page's published version, the language
and the address the links are built for, so a publish shows at once; what changes no page
(a campaign's or the brand's colours, hence a new card) shows within ``SECONDS``, as the
story cards do. Private pages, previews and drafts are never kept.
"""

from datetime import timedelta

from django.utils import timezone

from events.core.services import fragments
from events.sharing.services import social

SECONDS = 300


def meta_for(request, page):
    """``social.meta_for(request, page)``, from the cache when the page is public and live.

    Kept as a piece is (``fragments.kept_value_until``): the shared copy lasts ``SECONDS``
    and this process keeps its own under the editorial stamp until then, so a view of the
    story makes no trip to the cache for it."""
    if getattr(request, "is_preview", False) or not page.live or social.is_private(page):
        return social.meta_for(request, page)
    now = timezone.now()
    meta = fragments.kept_value_until(
        "share-meta",
        _key(request, page),
        lambda: (social.meta_for(request, page), now + timedelta(seconds=SECONDS)),
        now,
    )
    # The head tags and the structured data ask social.meta_for again: same answer.
    request.__dict__.setdefault("_tapestry_social_meta", {})[(type(page), page.pk, "")] = meta
    return meta


def _key(request, page):
    """What the kept meta is keyed on (with the language and time zone): the page's
    published version and the address its links are built for."""
    return (
        type(page).__name__,
        page.pk,
        page.latest_revision_id,
        page.last_published_at,
        request.build_absolute_uri("/"),
    )
