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

The layouts, the content and result types, the content hash and where the text goes live
in ``card_layouts``, ``card_types``, ``card_hashing`` and ``card_placement``. Storage, URLs
and Celery live in ``share_card_store``; this module only draws.
"""

import io

from PIL import Image, ImageDraw, ImageOps

from events.sharing.services import card_text, contrast
from events.sharing.services.card_hashing import content_hash
from events.sharing.services.card_layouts import get_layout
from events.sharing.services.card_placement import layout_pieces
from events.sharing.services.card_types import (
    DEFAULT_ACCENT,
    DEFAULT_PRIMARY,
    FORMATS,
    RenderResult,
    TextBox,
    brand_colour,
    source_bytes,
)

# Aim a little above 4.5:1 when choosing colours, so rounding never lands just under it.
DESIGN_TARGET = 4.6
LIGHT_TEXT = (255, 255, 255)
DARK_TEXT = (20, 20, 20)


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
            image = Image.open(io.BytesIO(source_bytes(source)))
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

    pieces, pill, group_top, truncated = layout_pieces(content, layout, logo is not None)
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
        image_bytes=encode(card, image_format),
        format=image_format,
        content_hash=content_hash(content, layout, image_format),
        layout=layout,
        text_boxes=tuple(text_boxes),
        scrim_alpha=scrim_alpha,
        title_truncated=truncated,
        background_used=photo is not None,
        backdrop=backdrop,
    )


def encode(image, image_format="png"):
    """Encode with fixed settings and no metadata (no time stamps, no EXIF, no ICC).

    PNG at zlib level 3: on a flat landscape card level 6 took about three times as long
    (76 ms against 21 ms here) for a file only a sixth smaller (42 KB against 50 KB), and
    on a photo about 2.5 times as long for a tenth smaller.
    """
    buffer = io.BytesIO()
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if image_format == "png":
        clean.save(buffer, format="PNG", optimize=False, compress_level=3)
    elif image_format == "webp":
        clean.save(buffer, format="WEBP", quality=88, method=2, exact=False)
    else:
        raise ValueError(f"unsupported card format {image_format!r}")
    return buffer.getvalue()
