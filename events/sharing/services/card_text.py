"""Fonts and text fitting for share cards: glyph filtering, wrapping and sizing.

The fonts ship in ``events/sharing/fonts/`` (DejaVu Sans and DejaVu Sans Bold, see the LICENSE
there), so a card looks the same on every machine. Pillow's BASIC layout engine is used on
purpose: the RAQM engine depends on libraries found at run time (FriBiDi, HarfBuzz), which
would make the output differ between machines. BASIC draws left-to-right scripts with
precomposed characters (Latin, Greek, Cyrillic, Armenian, Georgian in these fonts) and
applies the fonts' kerning; it does not shape Arabic or reorder right-to-left text.
"""

import functools
import hashlib
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
ELLIPSIS = "\u2026"

ZERO_WIDTH_JOINER = 0x200D
# Characters that only steer emoji presentation or joining; dropped with the emoji.
_EMOJI_JOINERS = {
    ZERO_WIDTH_JOINER,
    0x20E3,  # combining enclosing keycap
    0xFE0E,  # text presentation selector
    0xFE0F,  # emoji presentation selector
}


def _is_emoji_block(codepoint):
    """Pictographic planes the cards never draw, even where a font has a glyph.

    DejaVu has monochrome shapes for a few emoticons but not for most emoji, so drawing
    the ones it has would make titles inconsistent. Covers the emoji, symbol and
    pictograph blocks of plane 1, regional indicators (flags), skin tones and tag
    characters.
    """
    return 0x1F000 <= codepoint <= 0x1FAFF or 0xE0000 <= codepoint <= 0xE007F


def _is_dropped(codepoint, category):
    """Emoji and their joiners, and invisible format, private-use or unassigned codes."""
    return (
        codepoint in _EMOJI_JOINERS
        or _is_emoji_block(codepoint)
        or category in ("Cf", "Co", "Cs", "Cn")
    )


@functools.cache
def font_path(name):
    return FONT_DIR / name


@functools.cache
def covered_codepoints(name):
    """Every codepoint the font maps to a glyph, read from its cmap table."""
    with TTFont(font_path(name), lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.cache
def font_digest():
    """One hash over the shipped font files: a font update changes every card's hash."""
    digest = hashlib.sha256()
    for name in (REGULAR, BOLD):
        digest.update(name.encode())
        digest.update(font_path(name).read_bytes())
    return digest.hexdigest()


_fonts = threading.local()


def load_font(name, size):
    """The font at ``size``, cached per thread: FreeType faces must not be shared by
    threads drawing at the same time (the dev worker and web servers use threads)."""
    cache = getattr(_fonts, "cache", None)
    if cache is None:
        cache = _fonts.cache = {}
    font = cache.get((name, size))
    if font is None:
        font = cache[(name, size)] = ImageFont.truetype(
            str(font_path(name)), size=size, layout_engine=ImageFont.Layout.BASIC
        )
    return font


def drawable_text(text, font_name=BOLD):
    """``text`` reduced to what the font can draw: no emoji, no tofu boxes, one line.

    Normalises to NFC (so accents use the font's precomposed glyphs), turns any run of
    whitespace or control characters into a single space, drops emoji (with the parts
    joined to them and their presentation selectors) and anything the font has no glyph
    for, and trims the ends. A text-style symbol the font has (a heart, a check mark)
    stays, drawn in the text colour.
    """
    covered = covered_codepoints(font_name)
    kept = []
    in_emoji = False  # inside an emoji sequence: its joined parts go with it
    joined = False
    for char in unicodedata.normalize("NFC", str(text or "")):
        codepoint = ord(char)
        category = unicodedata.category(char)
        if codepoint == ZERO_WIDTH_JOINER:
            joined = in_emoji
            continue
        if joined:
            # "woman walking" is walking + ZWJ + female sign: drop the sign too.
            joined = False
            continue
        if codepoint in _EMOJI_JOINERS:
            continue
        in_emoji = _is_emoji_block(codepoint)
        if char.isspace() or category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif in_emoji or _is_dropped(codepoint, category):
            continue
        elif codepoint in covered:
            kept.append(char)
    return " ".join("".join(kept).split())


@dataclass(frozen=True)
class FittedText:
    """Lines of text set in one font size, with the size of their block."""

    lines: tuple[str, ...]
    size: int
    line_height: int
    width: int
    height: int
    truncated: bool


def line_height_for(font, spacing):
    ascent, descent = font.getmetrics()
    return round((ascent + descent) * spacing)


def text_width(font, text):
    if not text:
        return 0
    left, _top, right, _bottom = font.getbbox(text)
    # The advance can exceed the ink on the right (trailing space) and the ink can start
    # left of the origin; count both so nothing drawn spills past the measured width.
    return max(right, round(font.getlength(text))) - min(0, left)


def _split_long_word(font, word, max_width):
    """Break a word wider than the box into pieces that fit (URLs, long compounds)."""
    pieces, current = [], ""
    for char in word:
        if current and text_width(font, current + char) > max_width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(font, text, max_width):
    """Greedy word wrap measured with the real font; over-long words are split."""
    lines, current = [], ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if text_width(font, candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if text_width(font, word) <= max_width:
            current = word
        else:
            *whole, current = _split_long_word(font, word, max_width)
            lines.extend(whole)
    if current:
        lines.append(current)
    return lines


def _with_ellipsis(font, line, max_width):
    """Shorten ``line`` (at a word boundary when possible) so ``line…`` fits."""
    text = line.rstrip()
    while text and text_width(font, text + ELLIPSIS) > max_width:
        cut = text.rfind(" ")
        text = text[:cut].rstrip() if cut > len(text) // 2 else text[:-1].rstrip()
    return (text + ELLIPSIS) if text else ELLIPSIS


def set_lines(font_name, size, text, max_width, spacing):
    font = load_font(font_name, size)
    lines = wrap(font, text, max_width)
    height = line_height_for(font, spacing)
    width = max((text_width(font, line) for line in lines), default=0)
    return font, lines, height, width


def fit_text(text, font_name, box_width, box_height, max_size, min_size, spacing=1.15):
    """Set ``text`` in the largest size between ``min_size`` and ``max_size`` that fits.

    Binary search on the size: a size fits when every wrapped line is no wider than the
    box and the lines are no taller than it. When even ``min_size`` does not fit, keep as
    many lines as fit and end the last one with an ellipsis: a last resort.
    """
    low, high, best = min_size, max_size, None
    while low <= high:
        size = (low + high) // 2
        _font, lines, line_height, width = set_lines(font_name, size, text, box_width, spacing)
        if width <= box_width and line_height * len(lines) <= box_height:
            best = (size, lines, line_height, width)
            low = size + 1
        else:
            high = size - 1
    if best is not None:
        size, lines, line_height, width = best
        return FittedText(tuple(lines), size, line_height, width, line_height * len(lines), False)

    font, lines, line_height, _width = set_lines(font_name, min_size, text, box_width, spacing)
    keep = max(1, box_height // line_height)
    kept = lines[:keep]
    if len(lines) > keep:
        kept[-1] = _with_ellipsis(font, kept[-1], box_width)
    width = max(text_width(font, line) for line in kept)
    return FittedText(tuple(kept), min_size, line_height, width, line_height * len(kept), True)


def fit_single_line(text, font_name, size, max_width):
    """One line at ``size``, ended with an ellipsis if it is too wide."""
    font = load_font(font_name, size)
    if text_width(font, text) <= max_width:
        return text
    return _with_ellipsis(font, text, max_width)
