"""WCAG 2.x colour contrast: relative luminance, contrast ratios and colour adjustment.

Plain functions with no Django import, used by the share-card renderer and its tests.
Colours are ``(r, g, b)`` tuples of 0-255 integers or ``#rrggbb`` strings.

Relative luminance follows WCAG 2.x (sRGB linearisation, Rec. 709 weights). The
linearisation threshold is 0.04045, as in the sRGB standard; WCAG 2.0 printed 0.03928, and
for 8-bit channels both give identical results.
"""

from dataclasses import dataclass

from PIL import Image, ImageMath

AA_NORMAL_TEXT = 4.5
WEIGHTS = (0.2126, 0.7152, 0.0722)

Colour = tuple[int, int, int]


def parse_hex(value):
    """``"#1a2B3c"`` or ``"1a2b3c"`` (or the 3-digit form) → ``(26, 43, 60)``."""
    text = str(value).strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    try:
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    except ValueError:
        raise ValueError(f"not a #rrggbb colour: {value!r}") from None


def to_hex(colour):
    return "#{:02x}{:02x}{:02x}".format(*colour)


def as_rgb(colour):
    if isinstance(colour, str):
        return parse_hex(colour)
    r, g, b = colour[:3]
    return (int(r), int(g), int(b))


def linear_channel(value):
    """One 0-255 sRGB channel → linear light, 0.0-1.0."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [linear_channel(i) for i in range(256)]


def relative_luminance(colour):
    r, g, b = as_rgb(colour)
    return WEIGHTS[0] * _LINEAR[r] + WEIGHTS[1] * _LINEAR[g] + WEIGHTS[2] * _LINEAR[b]


def ratio_of_luminances(a, b):
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_ratio(first, second):
    """WCAG contrast ratio of two colours, 1.0 (none) to 21.0 (black on white)."""
    return ratio_of_luminances(relative_luminance(first), relative_luminance(second))


def worst_contrast(text_colour, luminance_range):
    """The lowest ratio of ``text_colour`` against any luminance in ``(low, high)``."""
    text = relative_luminance(text_colour)
    low, high = luminance_range
    return min(ratio_of_luminances(text, low), ratio_of_luminances(text, high))


def mix(colour, towards, amount):
    """Blend in sRGB space, as Pillow composites: ``amount`` 0 keeps ``colour``."""
    return tuple(
        round(c + (t - c) * amount) for c, t in zip(as_rgb(colour), as_rgb(towards), strict=True)
    )


def adjust_to_contrast(colour, against, target=AA_NORMAL_TEXT):
    """The colour nearest ``colour`` (mixing towards black or white) meeting ``target``.

    Tries both directions and keeps the one needing the smaller change; returns the colour
    unchanged when it already meets the target.
    """
    colour = as_rgb(colour)
    if contrast_ratio(colour, against) >= target:
        return colour
    candidates = []
    for extreme in ((0, 0, 0), (255, 255, 255)):
        if contrast_ratio(extreme, against) < target:
            continue
        # Contrast grows monotonically as we mix towards the extreme that can reach it.
        low, high = 0, 256
        while low < high:
            mid = (low + high) // 2
            if contrast_ratio(mix(colour, extreme, mid / 256), against) >= target:
                high = mid
            else:
                low = mid + 1
        candidates.append((low, mix(colour, extreme, min(low, 256) / 256)))
    if not candidates:
        raise ValueError(f"no colour reaches {target}:1 against {to_hex(as_rgb(against))}")
    return min(candidates)[1]


@dataclass(frozen=True)
class TextPalette:
    """A text colour and the backdrop colour it is drawn on, with their ratio."""

    text: Colour
    backdrop: Colour
    ratio: float


def readable_pair(backdrop, light, dark, target=AA_NORMAL_TEXT):
    """Pick ``light`` or ``dark`` text for ``backdrop``; adjust the backdrop if neither fits.

    Brand colours are kept when they work: the backdrop only moves (towards black under
    light text, towards white under dark text, whichever is the smaller change) when
    neither text colour reaches the target on it.
    """
    backdrop = as_rgb(backdrop)
    light, dark = as_rgb(light), as_rgb(dark)
    options = sorted(
        ((contrast_ratio(text, backdrop), text) for text in (light, dark)), reverse=True
    )
    best_ratio, best_text = options[0]
    if best_ratio >= target:
        return TextPalette(best_text, backdrop, best_ratio)
    adjusted = []
    for text in (light, dark):
        moved = adjust_to_contrast(backdrop, text, target)
        distance = sum(abs(a - b) for a, b in zip(moved, backdrop, strict=True))
        adjusted.append((distance, text, moved))
    _distance, text, moved = min(adjusted)
    return TextPalette(text, moved, contrast_ratio(text, moved))


_CHANNEL_LUTS = [[weight * value for value in _LINEAR] for weight in WEIGHTS]


def luminance_extremes(image, box=None):
    """``(lowest, highest)`` relative luminance of the pixels of ``image`` inside ``box``.

    Every pixel counts (no sampling), so a single bright spot behind light text is seen.
    Computed in 32-bit float images by Pillow, a few milliseconds for a title-sized box.
    """
    region = image.crop(box) if box else image
    region = region.convert("RGB")
    red, green, blue = (
        band.point(lut, "F") for band, lut in zip(region.split(), _CHANNEL_LUTS, strict=True)
    )
    luminance = ImageMath.lambda_eval(
        lambda env: env["r"] + env["g"] + env["b"], r=red, g=green, b=blue
    )
    low, high = luminance.getextrema()
    # Float sums can stray a hair outside 0..1; clamp so ratios stay within 1..21.
    return (max(0.0, float(low)), min(1.0, float(high)))


def measured_contrast(image, box, text_colour):
    """The worst contrast of ``text_colour`` against the backdrop pixels inside ``box``."""
    return worst_contrast(text_colour, luminance_extremes(image, box))


_FLOOR = [value & ~7 for value in range(256)]
_CEIL = [value | 7 for value in range(256)]


def bounding_colours(image):
    """A one-row image of few colours whose luminance extremes bound those of ``image``.

    Every channel is rounded down (and, separately, up) to a multiple of 8, giving at most
    2 x 32,768 distinct colours however large the photo. Luminance rises with each
    channel, and so does any blend towards a fixed colour, so the darkest rounded-down
    colour is never lighter than the darkest pixel, nor the lightest rounded-up colour
    darker than the lightest pixel, before or after blending. Searching on this stand-in
    is fast and errs on the safe side.
    """
    region = image.convert("RGB")
    colours = set()
    for table in (_FLOOR, _CEIL):
        found = region.point(table * 3).getcolors(maxcolors=32 * 32 * 32)
        colours.update(colour for _count, colour in found)
    ordered = sorted(colours)
    row = Image.new("RGB", (len(ordered), 1))
    row.putdata(ordered)
    return row
