"""Share cards: the preview image shown when a page is shared, drawn with Pillow.

A pure function of its inputs (no Django, no database, no clock): ``render_card(content,
layout)`` turns a :class:`CardContent` into PNG or WebP bytes, and the same input gives the
same bytes on every machine with the same Pillow build, because the fonts ship with the
code, the layout engine is fixed and the encoders get fixed settings and no metadata.

What a card guarantees, and what the result reports so tests can check it:

- every piece of text stays inside the layout's safe area (``RenderResult.text_boxes``);
- every piece of text meets WCAG AA (4.5:1) against the worst pixel behind it, measured on
  the finished backdrop. Over a photo a panel in the campaign colour is blended in, just
  opaque enough; over brand colours the text colour is picked, and the colour nudged
  towards black or white only if neither light nor dark text reaches 4.5:1 on it;
- the title gets the largest size that fits its box; an ellipsis is the last resort.

Storage, URLs and Celery live in ``share_card_store``; this module only draws.
"""

import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageDraw, ImageOps

from events.sharing.services import card_text, contrast

# Bump when the drawing changes, so every stored card gets a new hash and is redrawn.
RENDERER_VERSION = "1"

# Aim a little above 4.5:1 when choosing colours, so rounding never lands just under it.
DESIGN_TARGET = 4.6
LIGHT_TEXT = (255, 255, 255)
DARK_TEXT = (20, 20, 20)
DEFAULT_PRIMARY = "#1f4e5f"
DEFAULT_ACCENT = "#f2c14e"
FORMATS = {"png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True)
class CardLayout:
    """Size and proportions of one kind of card. All lengths in pixels."""

    name: str
    width: int
    height: int
    # left, top, right, bottom: where text and logo may go. Story layouts keep clear of the
    # bars that apps draw over the top and bottom of a full-screen story.
    safe_area: tuple[int, int, int, int]
    title_max: int
    title_min: int
    label_size: int
    meta_size: int
    footer_size: int
    logo_height: int
    gap: int
    accent_bar: int

    @property
    def size(self):
        return (self.width, self.height)


LANDSCAPE = CardLayout(
    name="landscape",
    width=1200,
    height=630,
    safe_area=(64, 52, 1136, 570),
    title_max=72,
    title_min=30,
    label_size=24,
    meta_size=28,
    footer_size=24,
    logo_height=56,
    gap=20,
    accent_bar=12,
)
SQUARE = CardLayout(
    name="square",
    width=1080,
    height=1080,
    safe_area=(80, 80, 1000, 1000),
    title_max=100,
    title_min=36,
    label_size=30,
    meta_size=34,
    footer_size=30,
    logo_height=80,
    gap=28,
    accent_bar=16,
)
STORY = CardLayout(
    name="story",
    width=1080,
    height=1920,
    safe_area=(80, 260, 1000, 1560),
    title_max=116,
    title_min=40,
    label_size=34,
    meta_size=40,
    footer_size=34,
    logo_height=96,
    gap=32,
    accent_bar=20,
)
LAYOUTS = {layout.name: layout for layout in (LANDSCAPE, SQUARE, STORY)}


def get_layout(layout):
    if isinstance(layout, CardLayout):
        return layout
    try:
        return LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown card layout {layout!r}; use one of {sorted(LAYOUTS)}") from None


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
        " ".join(part for part in (content.campaign, _hashtag(content.hashtag)) if part),
    ]
    return ". ".join(part.strip().rstrip(".") for part in parts if part and part.strip()) + "."


# Hashing ------------------------------------------------------------------------------------


def _source_bytes(source):
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


def _source_digest(source, key):
    if key:
        return f"key:{key}"
    if source is None:
        return ""
    return "sha256:" + hashlib.sha256(_source_bytes(source)).hexdigest()


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


# Drawing ------------------------------------------------------------------------------------


def _open_image(source, fit_size=None):
    """A loaded image from any accepted source, or None when it cannot be read.

    With ``fit_size``, a JPEG is decoded at a reduced scale no smaller than that size (a
    large upload then decodes several times faster and looks the same on a card).
    """
    if source is None:
        return None
    try:
        if callable(source) and not isinstance(source, Image.Image):
            source = source()
        if isinstance(source, Image.Image):
            image = source.copy()
        else:
            image = Image.open(io.BytesIO(_source_bytes(source)))
            if fit_size and image.format == "JPEG":
                # Square, so an EXIF rotation applied afterwards cannot leave it short.
                side = max(fit_size)
                image.draft("RGB", (side, side))
            image.load()
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, TypeError, Image.DecompressionBombError, SyntaxError):
        return None
    return image


def _cover(image, size, focus):
    """Scale and crop the photo to fill the card, keeping ``focus`` (0-1, 0-1) in view."""
    image = image.convert("RGB")
    width, height = image.size
    scale = max(size[0] / width, size[1] / height)
    crop_width, crop_height = size[0] / scale, size[1] / scale
    focus_x, focus_y = (min(1.0, max(0.0, float(v))) for v in focus)
    left = min(max(0.0, focus_x * width - crop_width / 2), width - crop_width)
    top = min(max(0.0, focus_y * height - crop_height / 2), height - crop_height)
    box = (left, top, left + crop_width, top + crop_height)
    # reducing_gap first shrinks large photos by whole factors (box filter), then
    # finishes with Lanczos: much faster for big uploads, same look at card size.
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _hashtag(value):
    text = card_text.drawable_text(value, card_text.BOLD).replace(" ", "")
    if text and not text.startswith("#"):
        text = "#" + text
    return text


@dataclass
class _Piece:
    """A run of text placed on the card before colours are known."""

    role: str
    lines: tuple[str, ...]
    font_name: str
    size: int
    line_height: int
    x: int
    y: int
    on_pill: bool = False

    def placed_lines(self):
        """``(origin, line)`` for each line; a glyph whose ink starts left of its origin
        (a negative bearing, as on "T" or "J") is nudged right so it stays in the box."""
        font = card_text.load_font(self.font_name, self.size)
        for index, line in enumerate(self.lines):
            if not line:
                continue
            nudge = max(0, -font.getbbox(line)[0])
            yield (self.x + nudge, self.y + index * self.line_height), line


def _layout_pieces(content, layout, has_logo):
    """Place every piece of text; returns pieces, the pill rectangle and the group top."""
    left, top, right, bottom = layout.safe_area
    width = right - left
    gap = layout.gap
    pieces = []

    # Footer: "Campaign · #hashtag" on one line along the bottom of the safe area.
    footer_parts = [
        card_text.drawable_text(content.campaign, card_text.BOLD),
        _hashtag(content.hashtag),
    ]
    footer_text = "  \u00b7  ".join(part for part in footer_parts if part)
    footer_font = card_text.load_font(card_text.BOLD, layout.footer_size)
    footer_line_height = card_text.line_height_for(footer_font, 1.2)
    cursor = bottom
    if footer_text:
        footer_text = card_text.fit_single_line(
            footer_text, card_text.BOLD, layout.footer_size, width
        )
        cursor -= footer_line_height
        pieces.append(
            _Piece("footer", (footer_text,), card_text.BOLD, layout.footer_size,
                   footer_line_height, left, cursor)
        )  # fmt: skip
        cursor -= gap * 2

    # When and where, one line each, above the footer.
    meta_font = card_text.load_font(card_text.REGULAR, layout.meta_size)
    meta_line_height = card_text.line_height_for(meta_font, 1.25)
    meta_lines = [
        card_text.fit_single_line(text, card_text.REGULAR, layout.meta_size, width)
        for text in (
            card_text.drawable_text(content.when, card_text.REGULAR),
            card_text.drawable_text(content.where, card_text.REGULAR),
        )
        if text
    ]
    if meta_lines:
        cursor -= meta_line_height * len(meta_lines)
        pieces.append(
            _Piece("meta", tuple(meta_lines), card_text.REGULAR, layout.meta_size,
                   meta_line_height, left, cursor)
        )  # fmt: skip
        cursor -= gap

    # The kind label sits in a pill above the title.
    label = card_text.drawable_text(content.kind, card_text.BOLD)
    label_font = card_text.load_font(card_text.BOLD, layout.label_size)
    label_line_height = card_text.line_height_for(label_font, 1.0)
    pill_pad_x, pill_pad_y = round(layout.label_size * 0.6), round(layout.label_size * 0.35)
    pill_height = label_line_height + 2 * pill_pad_y if label else 0
    if label:
        label = card_text.fit_single_line(
            label, card_text.BOLD, layout.label_size, width - 2 * pill_pad_x
        )

    # The title takes whatever height is left between the logo (or the top) and the rest.
    title_top_limit = top + (layout.logo_height + gap if has_logo else 0)
    title_bottom = cursor
    title_box_height = title_bottom - title_top_limit - (pill_height + gap if label else 0)
    title = card_text.drawable_text(content.title, card_text.BOLD)
    group_top = title_bottom
    if title:
        fitted = card_text.fit_text(
            title, card_text.BOLD, width, title_box_height, layout.title_max, layout.title_min
        )
        title_y = title_bottom - fitted.height
        pieces.append(
            _Piece("title", fitted.lines, card_text.BOLD, fitted.size, fitted.line_height,
                   left, title_y)
        )  # fmt: skip
        group_top = title_y
        truncated = fitted.truncated
    else:
        truncated = False

    pill = None
    if label:
        pill_top = group_top - gap - pill_height
        pill_width = card_text.text_width(label_font, label) + 2 * pill_pad_x
        pill = (left, pill_top, left + pill_width, pill_top + pill_height)
        pieces.append(
            _Piece("kind", (label,), card_text.BOLD, layout.label_size, label_line_height,
                   left + pill_pad_x, pill_top + pill_pad_y, on_pill=True)
        )  # fmt: skip
        group_top = pill_top
    return pieces, pill, group_top, truncated


def _ink_box(draw, piece):
    """The union of the ink of every line of ``piece``, as Pillow will draw it."""
    font = card_text.load_font(piece.font_name, piece.size)
    boxes = [draw.textbbox(origin, line, font=font) for origin, line in piece.placed_lines()]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _padded(box, pad, size):
    left, top, right, bottom = box
    return (
        max(0, left - pad),
        max(0, top - pad),
        min(size[0], right + pad),
        min(size[1], bottom + pad),
    )


def _union(boxes):
    boxes = [box for box in boxes if box]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _panel_alpha(photo_region, stand_in, panel_colour, text_colour):
    """The least opacity of the panel over the photo that keeps the text at AA.

    ``photo_region`` is the photo behind the text and ``stand_in`` its
    :func:`contrast.bounding_colours`. A binary search over 8-bit opacity runs on the
    stand-in (fast, never optimistic); the answer is then
    checked on every real pixel and raised until it passes. Fully opaque always passes:
    the panel colour meets the target with this text colour.
    """

    def meets(image, alpha):
        blended = Image.blend(image, Image.new("RGB", image.size, panel_colour), alpha / 255)
        return contrast.measured_contrast(blended, None, text_colour) >= DESIGN_TARGET

    low, high = 0, 255
    while low < high:
        mid = (low + high) // 2
        if meets(stand_in, mid):
            high = mid
        else:
            low = mid + 1
    while low < 255 and not meets(photo_region, low):
        low += 1
    return low


def _photo_palettes(primary):
    """Panel and text colours to try over a photo, in order of preference.

    The brand's own pair, the other text colour on the brand colour moved just enough to
    carry it, then both again with the colour moved to 7:1: a deeper panel that can be
    blended in more lightly, leaving more of the photo visible.
    """
    brand = contrast.readable_pair(primary, LIGHT_TEXT, DARK_TEXT, DESIGN_TARGET)
    other_text = DARK_TEXT if brand.text == LIGHT_TEXT else LIGHT_TEXT
    palettes = [brand]
    for target, text in (
        (DESIGN_TARGET, other_text),
        (7.0, brand.text),
        (7.0, other_text),
    ):
        panel = contrast.adjust_to_contrast(brand.backdrop, text, target)
        palettes.append(contrast.TextPalette(text, panel, contrast.contrast_ratio(text, panel)))
    return palettes


def render_card(content, layout="landscape", image_format="png"):
    """Draw one card. Returns a :class:`RenderResult` with the encoded bytes."""
    layout = get_layout(layout)
    if image_format not in FORMATS:
        raise ValueError(f"unsupported card format {image_format!r}; use png or webp")
    size = layout.size
    left, top, right, _bottom = layout.safe_area

    primary = brand_colour(content.primary, DEFAULT_PRIMARY)
    accent = brand_colour(content.accent, DEFAULT_ACCENT)
    brand = contrast.readable_pair(primary, LIGHT_TEXT, DARK_TEXT, DESIGN_TARGET)
    pill_palette = contrast.readable_pair(accent, LIGHT_TEXT, DARK_TEXT, DESIGN_TARGET)
    photo = _open_image(content.background, fit_size=size)
    logo = _open_image(content.logo)

    pieces, pill, group_top, truncated = _layout_pieces(content, layout, logo is not None)
    measuring = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    ink = {piece.role: _ink_box(measuring, piece) for piece in pieces}
    pad = 4  # anti-aliased edges reach a pixel or two past the ink box
    panel_text_boxes = [
        _padded(ink[piece.role], pad, size)
        for piece in pieces
        if not piece.on_pill and ink[piece.role]
    ]

    scrim_alpha = None
    if photo is not None:
        card = _cover(photo, size, content.background_focus)
        # A full-width panel from just above the text down to the bottom edge, in the
        # campaign colour, blended in only as far as the text needs.
        panel_box = (0, max(0, group_top - layout.gap * 2), size[0], size[1])
        scrim_alpha = 0
        if panel_text_boxes:
            behind_text = card.crop(_union(panel_text_boxes))
            stand_in = contrast.bounding_colours(behind_text)
            choices = [
                (
                    _panel_alpha(behind_text, stand_in, palette.backdrop, palette.text),
                    index,
                    palette,
                )
                for index, palette in enumerate(_photo_palettes(primary))
            ]
            scrim_alpha, _index, brand = min(choices)
        region = card.crop(panel_box)
        solid = Image.new("RGB", region.size, brand.backdrop)
        card.paste(Image.blend(region, solid, scrim_alpha / 255), panel_box[:2])
    else:
        card = Image.new("RGB", size, brand.backdrop)

    draw = ImageDraw.Draw(card)
    if layout.accent_bar:
        draw.rectangle(
            (0, size[1] - layout.accent_bar, size[0], size[1]), fill=pill_palette.backdrop
        )
    if pill:
        radius = (pill[3] - pill[1]) // 2
        draw.rounded_rectangle(pill, radius=radius, fill=pill_palette.backdrop)
    if logo is not None:
        logo = logo.convert("RGBA")
        max_logo = (max(1, (right - left) // 3), layout.logo_height)
        logo = ImageOps.contain(logo, max_logo, method=Image.Resampling.LANCZOS)
        card.paste(logo, (left, top), logo)

    backdrop = card.copy()
    text_boxes = []
    for piece in pieces:
        colour = pill_palette.text if piece.on_pill else brand.text
        font = card_text.load_font(piece.font_name, piece.size)
        for origin, line in piece.placed_lines():
            draw.text(origin, line, font=font, fill=colour)
        box = ink[piece.role]
        if box is None:
            continue
        measured = _padded(box, pad, size)
        luminance = contrast.luminance_extremes(backdrop, measured)
        text_boxes.append(
            TextBox(
                role=piece.role,
                text="\n".join(piece.lines),
                box=box,
                font_size=piece.size,
                colour=contrast.to_hex(colour),
                backdrop_luminance=luminance,
                contrast=round(contrast.worst_contrast(colour, luminance), 3),
            )
        )

    return RenderResult(
        image_bytes=encode(card, image_format, photographic=photo is not None),
        format=image_format,
        content_hash=content_hash(content, layout, image_format),
        layout=layout,
        text_boxes=tuple(text_boxes),
        scrim_alpha=scrim_alpha,
        title_truncated=truncated,
        background_used=photo is not None,
        backdrop=backdrop,
    )


def encode(image, image_format="png", photographic=False):
    """Encode with fixed settings and no metadata (no time stamps, no EXIF, no ICC).

    Photo cards get lighter PNG compression: zlib level 6 spends about 2.5 times as long
    as level 3 on a photo for files only about a tenth smaller; flat brand cards are
    quick either way and keep level 6.
    """
    buffer = io.BytesIO()
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if image_format == "png":
        level = 3 if photographic else 6
        clean.save(buffer, format="PNG", optimize=False, compress_level=level)
    elif image_format == "webp":
        clean.save(buffer, format="WEBP", quality=88, method=2, exact=False)
    else:
        raise ValueError(f"unsupported card format {image_format!r}")
    return buffer.getvalue()
