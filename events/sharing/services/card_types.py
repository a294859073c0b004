"""What a share card shows and what drawing one reports, as plain values, with the house
colours and the text alternative of a card."""

from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from events.sharing.services import card_text, contrast
from events.sharing.services.card_layouts import CardLayout

DEFAULT_PRIMARY = "#1f4e5f"
DEFAULT_ACCENT = "#f2c14e"
FORMATS = {"png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True)
class CardContent:
    """Everything a card shows. Plain values, so any page or model can build one.

    ``background`` and ``logo`` may be bytes, a binary file object, a PIL image, or a
    callable returning one of those (opened only when drawing). Give ``background_key`` /
    ``logo_key`` (e.g. a stored file hash) to hash the content without reading the file.
    """

    title: str
    kind: str = ""
    when: str = ""
    where: str = ""
    campaign: str = ""
    hashtag: str = ""
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    background: Any = field(default=None, compare=False, repr=False)
    background_key: str = ""
    background_focus: tuple[float, float] = (0.5, 0.5)
    logo: Any = field(default=None, compare=False, repr=False)
    logo_key: str = ""


@dataclass(frozen=True)
class TextBox:
    """One piece of text as drawn: where its ink is and how it contrasts with its backdrop."""

    role: str
    text: str
    box: tuple[int, int, int, int]
    font_size: int
    colour: str
    backdrop_luminance: tuple[float, float]
    contrast: float


@dataclass(frozen=True)
class RenderResult:
    image_bytes: bytes
    format: str
    content_hash: str
    layout: CardLayout
    text_boxes: tuple[TextBox, ...]
    # 0-255 opacity of the panel blended over a photo; None on a plain brand background.
    scrim_alpha: int | None
    title_truncated: bool
    background_used: bool
    # The card before any text was drawn, for measuring (tests); not stored.
    backdrop: Image.Image = field(repr=False, compare=False)

    @property
    def content_type(self):
        return FORMATS[self.format]

    @property
    def min_contrast(self):
        return min((box.contrast for box in self.text_boxes), default=21.0)


def brand_colour(value, default):
    """A campaign colour as RGB; an empty or malformed value falls back to the default,
    so a typo in a colour field gives a card in the house colours, never an error."""
    try:
        return contrast.as_rgb(value or default)
    except (ValueError, TypeError):
        return contrast.as_rgb(default)


def alt_text(content):
    """A text alternative for the card image (``og:image:alt``): what the card says."""
    parts = [
        ": ".join(part for part in (content.kind, content.title) if part),
        content.when,
        content.where,
        " ".join(part for part in (content.campaign, hashtag_text(content.hashtag)) if part),
    ]
    return ". ".join(part.strip().rstrip(".") for part in parts if part and part.strip()) + "."


def hashtag_text(value):
    """The hashtag as drawn: in the card font, without spaces, with one leading #."""
    text = card_text.drawable_text(value, card_text.BOLD).replace(" ", "")
    if text and not text.startswith("#"):
        text = "#" + text
    return text


def source_bytes(source):
    """The bytes of a background or logo from any source ``CardContent`` accepts (a file
    object is read and put back where it was)."""
    if callable(source) and not isinstance(source, Image.Image):
        source = source()
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, Image.Image):
        return b"%s|%dx%d|" % (source.mode.encode(), *source.size) + source.tobytes()
    if hasattr(source, "read"):
        position = source.tell() if hasattr(source, "tell") else None
        data = source.read()
        if position is not None and hasattr(source, "seek"):
            source.seek(position)
        return data
    raise TypeError(f"cannot read an image from {type(source).__name__}")
