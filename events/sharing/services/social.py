"""OpenGraph and Twitter meta tags for a page: title, description, address and image.

The image is the editor's uploaded share image when there is one (a 1200x630 rendition),
else the page's generated share card, drawn here if the publish task has not stored it
yet. Pages behind a Wagtail view restriction get no meta tags at all, and no card is
drawn for them, so nothing about them reaches a link preview or a card URL.
"""

import logging
import mimetypes
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator

from events.sharing.services import card_types, share_card_store

logger = logging.getLogger(__name__)

OVERRIDE_SPEC = "fill-1200x630"
DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int
    height: int
    alt: str
    content_type: str


@dataclass(frozen=True)
class SocialMeta:
    title: str
    description: str
    url: str
    og_type: str
    image: SocialImage | None
    published: object = None  # first publication, for articles


def is_private(page):
    """True when a view restriction on the page or an ancestor hides it from the public."""
    return share_card_store.is_restricted(page)


def description(page):
    for value in (
        page.search_description,
        getattr(page, "summary", ""),
        getattr(page, "intro", ""),
        getattr(page, "theme", ""),
    ):
        text = " ".join(strip_tags(str(value or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def override_image(request, image):
    rendition = image.get_rendition(OVERRIDE_SPEC)
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return SocialImage(
        url=request.build_absolute_uri(rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=image.description or "",
        content_type=content_type,
    )


def card_image(request, page):
    """The page's landscape card, drawn now if missing; None if it cannot be drawn."""
    try:
        content = page.share_card_content("landscape")
        card = share_card_store.get_or_render(page, "landscape", lambda obj, layout: content)
    except Exception:
        # The page must render without a preview image; the publish task will retry.
        logger.exception("could not draw the share card for page %s", page.pk)
        return None
    return SocialImage(
        url=request.build_absolute_uri(card.get_absolute_url()),
        width=card.width,
        height=card.height,
        alt=card_types.alt_text(content),
        content_type=card_types.FORMATS[card.extension],
    )


def share_image(request, page):
    override = getattr(page, "share_image", None)
    if override is not None:
        return override_image(request, override)
    if getattr(request, "is_preview", False) or not page.live:
        # A draft's card would be stored for content nobody has published.
        return None
    if not share_card_store.supports_cards(page):
        return None
    return card_image(request, page)


def meta_for(request, page, url=""):
    """The social meta for ``page`` (its specific class), or None for a private page.

    The page's head tags, its share buttons and its view all ask; worked out once per
    request (each answer costs a handful of queries: restrictions, the share card)."""
    memo = request.__dict__.setdefault("_tapestry_social_meta", {}) if request else {}
    key = (type(page), page.pk, url)
    if key not in memo:
        memo[key] = _meta_for(request, page, url)
    return memo[key]


def _meta_for(request, page, url):
    if is_private(page):
        return None
    canonical = getattr(page, "canonical_url", "") or url or request.build_absolute_uri(page.url)
    return SocialMeta(
        title=page.seo_title or page.title,
        description=description(page),
        url=canonical,
        og_type=getattr(page, "og_type", "website"),
        image=share_image(request, page),
        published=page.first_published_at,
    )


def image_url(meta):
    return meta.image.url if meta and meta.image else ""
