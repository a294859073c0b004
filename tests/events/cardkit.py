"""Helpers for the share-card tests: test images and an independent contrast measure."""

from PIL import Image, ImageDraw

from events.sharing.services.card_types import CardContent


def srgb_to_linear(value):
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    r, g, b = (srgb_to_linear(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first, second):
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def hex_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def worst_ratio_behind(backdrop, box, text_hex):
    """Exact worst WCAG ratio of the text colour against every distinct pixel in ``box``.

    Written independently of the renderer (plain Python over the distinct colours), so a
    mistake in the renderer's fast measure cannot hide itself.
    """
    region = backdrop.convert("RGB").crop(box)
    colours = region.getcolors(maxcolors=region.width * region.height)
    text = hex_rgb(text_hex)
    return min(ratio(text, colour) for _count, colour in colours)


def inside(box, area):
    left, top, right, bottom = box
    a_left, a_top, a_right, a_bottom = area
    return a_left <= left and a_top <= top and right <= a_right and bottom <= a_bottom


def dark_photo(size=(1600, 1000)):
    """Night sky: near-black with a few bright stars and a pale moon."""
    image = Image.new("RGB", size, (12, 16, 28))
    draw = ImageDraw.Draw(image)
    for index in range(60):
        x, y = (index * 397) % size[0], (index * 211) % size[1]
        draw.ellipse((x, y, x + 6, y + 6), fill=(250, 250, 235))
    draw.ellipse((size[0] - 420, 80, size[0] - 180, 320), fill=(240, 236, 210))
    return image


def light_photo(size=(1600, 1000)):
    """A bright beach with a few dark rocks right where text goes."""
    image = Image.new("RGB", size, (238, 228, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], size[1] // 3), fill=(200, 225, 245))
    for index in range(12):
        x = 80 + index * 120
        draw.ellipse((x, size[1] - 420, x + 70, size[1] - 360), fill=(35, 30, 28))
    return image


def busy_photo(size=(1200, 900)):
    """Hard black-and-white stripes: the worst backdrop for any text colour."""
    image = Image.new("RGB", size, (0, 0, 0))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 24):
        draw.rectangle((x, 0, x + 11, size[1]), fill=(255, 255, 255))
    return image


def sample_content(**overrides):
    values = {
        "title": "Walk and talk: a gentle morning stroll by the river",
        "kind": "Workshop",
        "when": "Saturday 9 May 2026, 10:00 to 11:30",
        "where": "Riverside Park, north gate",
        "campaign": "Mental Health Awareness Month",
        "hashtag": "TalkMore",
        "primary": "#1f4e5f",
        "accent": "#f2c14e",
    }
    values.update(overrides)
    return CardContent(**values)
