"""The site's icon (browser tab, home screen), drawn with Pillow: a river-green disc with
two overlapping circles, the network's "people together" mark. Drawn once per size."""

from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageDraw

GREEN = (47, 111, 94)
CREAM = (250, 246, 238)


@lru_cache(maxsize=8)
def png(size):
    scale = 4  # drawn large, then shrunk: smooth edges without extra libraries
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, big - 1, big - 1), fill=GREEN)
    radius, width = big * 0.2, max(2, big // 14)
    for centre_x in (big * 0.39, big * 0.61):
        box = (centre_x - radius, big / 2 - radius, centre_x + radius, big / 2 + radius)
        draw.ellipse(box, outline=CREAM, width=width)
    buffer = BytesIO()
    image.resize((size, size), Image.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


@lru_cache(maxsize=1)
def ico():
    buffer = BytesIO()
    Image.open(BytesIO(png(64))).save(buffer, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return buffer.getvalue()
