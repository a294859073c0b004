"""The content hash of a share card: everything that decides its pixels, so a stored card
is redrawn exactly when one of them changes."""

import hashlib
import json

from events.sharing.services import card_text, contrast
from events.sharing.services.card_layouts import get_layout
from events.sharing.services.card_types import (
    DEFAULT_ACCENT,
    DEFAULT_PRIMARY,
    brand_colour,
    source_bytes,
)

# Bump when the drawing changes, so every stored card gets a new hash and is redrawn.
RENDERER_VERSION = "1"


def _source_digest(source, key):
    if key:
        return f"key:{key}"
    if source is None:
        return ""
    return "sha256:" + hashlib.sha256(source_bytes(source)).hexdigest()


def content_hash(content, layout, image_format="png"):
    """sha256 of everything that decides the pixels: usable as a cache key and in URLs."""
    layout = get_layout(layout)
    payload = {
        "renderer": RENDERER_VERSION,
        "fonts": card_text.font_digest(),
        "layout": [layout.name, layout.width, layout.height],
        "format": image_format,
        "title": content.title,
        "kind": content.kind,
        "when": content.when,
        "where": content.where,
        "campaign": content.campaign,
        "hashtag": content.hashtag,
        "primary": contrast.to_hex(brand_colour(content.primary, DEFAULT_PRIMARY)),
        "accent": contrast.to_hex(brand_colour(content.accent, DEFAULT_ACCENT)),
        "background": _source_digest(content.background, content.background_key),
        "focus": [round(float(v), 4) for v in content.background_focus],
        "logo": _source_digest(content.logo, content.logo_key),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()
