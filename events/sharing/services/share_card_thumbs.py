"""Small WebP copies of stored share cards, for pages that show many cards at once (the
campaign toolkit showed thirty full-size PNGs in 256 px boxes).

A thumbnail is named by its card's content hash and width, so like the card it is drawn
once, never changes meaning, and is served with the card's one-year immutable headers.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

logger = logging.getLogger(__name__)

WIDTHS = (256, 512)
FOLDER = "share-card-thumbs"
QUALITY = 80


def name_for(content_hash, width):
    return f"{FOLDER}/{content_hash}-{width}.webp"


def url_for(card, width):
    return reverse(
        "events:share_card_thumb", kwargs={"content_hash": card.content_hash, "width": width}
    )


def height_for(card, width):
    return round(card.height * width / card.width)


def draw(card, width):
    """The WebP bytes of ``card`` scaled to ``width`` pixels wide."""
    with card.image.open("rb") as handle, Image.open(handle) as image:
        small = image.convert("RGB").resize(
            (width, height_for(card, width)), Image.Resampling.LANCZOS
        )
    out = io.BytesIO()
    small.save(out, "WEBP", quality=QUALITY, method=6)
    return out.getvalue()


def ensure(card, width):
    """The storage name of the card's thumbnail, drawing and storing it if missing."""
    if width not in WIDTHS:
        raise ValueError(f"no thumbnail width {width}")
    name = name_for(card.content_hash, width)
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(draw(card, width)))
        if saved != name:
            # Another process stored it first; storage gave ours a new name: drop ours.
            default_storage.delete(saved)
    return name


def srcset(card):
    """``srcset`` text for the card's thumbnails (drawing any that are missing)."""
    parts = []
    for width in WIDTHS:
        ensure(card, width)
        parts.append(f"{url_for(card, width)} {width}w")
    return ", ".join(parts)


def forget(content_hash):
    """Remove a card's thumbnails (called when the card itself is deleted)."""
    for width in WIDTHS:
        default_storage.delete(name_for(content_hash, width))
