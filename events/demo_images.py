"""Illustrations for the demo site, drawn with Pillow: flat, warm scenes of the kind a
small charity might commission (a park walk, a tea table, a lamp-lit room...), so stories
and events each look like themselves rather than sharing one placeholder.

Each scene is stored once as a Wagtail image, found again by its title, with alt text in
the image's description.
"""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

SIZE = (1200, 800)


def _sky(draw, top, bottom, height):
    for y in range(height):
        mix = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE[0], y)], fill=colour)


def _person(draw, x, ground, coat, scale=1.0, hair=(60, 40, 30)):
    s = scale
    draw.ellipse([x - 18 * s, ground - 190 * s, x + 18 * s, ground - 154 * s], fill=(222, 180, 150))
    draw.pieslice([x - 19 * s, ground - 192 * s, x + 19 * s, ground - 160 * s], 180, 360, fill=hair)
    draw.rounded_rectangle(
        [x - 28 * s, ground - 152 * s, x + 28 * s, ground - 70 * s], 14, fill=coat
    )
    draw.line(
        [(x - 12 * s, ground - 72 * s), (x - 20 * s, ground)], fill=(50, 55, 70), width=int(12 * s)
    )
    draw.line(
        [(x + 12 * s, ground - 72 * s), (x + 20 * s, ground)], fill=(50, 55, 70), width=int(12 * s)
    )


def park_walk(draw):
    _sky(draw, (176, 214, 232), (236, 244, 236), 480)
    draw.ellipse([930, 70, 1050, 190], fill=(252, 214, 120))
    draw.ellipse([-200, 330, 700, 760], fill=(120, 170, 110))
    draw.ellipse([450, 360, 1400, 800], fill=(96, 150, 96))
    draw.rectangle([0, 560, SIZE[0], SIZE[1]], fill=(108, 160, 100))
    draw.polygon([(520, 800), (760, 800), (640, 520), (600, 520)], fill=(226, 206, 168))
    for x, y, r in ((160, 430, 90), (330, 400, 70), (980, 420, 100)):
        draw.rectangle([x - 12, y, x + 12, y + 160], fill=(110, 80, 55))
        draw.ellipse([x - r, y - r * 1.4, x + r, y + r * 0.4], fill=(62, 120, 74))
    _person(draw, 590, 700, (196, 90, 70))
    _person(draw, 680, 705, (70, 110, 160), scale=1.05, hair=(30, 30, 30))
    draw.ellipse([760, 660, 820, 700], fill=(150, 110, 70))  # a dog
    draw.line([(700, 600), (770, 670)], fill=(80, 80, 80), width=3)


def tea_table(draw):
    draw.rectangle([0, 0, SIZE[0], SIZE[1]], fill=(246, 232, 214))
    draw.rectangle([780, 80, 1100, 380], fill=(196, 226, 238), outline=(255, 255, 255), width=14)
    draw.line([(940, 80), (940, 380)], fill=(255, 255, 255), width=10)
    draw.rectangle([0, 500, SIZE[0], SIZE[1]], fill=(176, 120, 84))
    draw.rectangle([0, 480, SIZE[0], 520], fill=(150, 98, 66))
    # Teapot, cups and a plate of biscuits.
    draw.ellipse([300, 300, 520, 500], fill=(70, 120, 140))
    draw.rectangle([380, 270, 440, 310], fill=(70, 120, 140))
    draw.polygon([(510, 380), (600, 330), (610, 350), (520, 420)], fill=(70, 120, 140))
    draw.arc([230, 340, 330, 450], 90, 270, fill=(70, 120, 140), width=16)
    for x in (660, 860):
        draw.rounded_rectangle([x, 400, x + 110, 490], 18, fill=(250, 250, 246))
        draw.arc([x + 95, 415, x + 145, 470], 270, 90, fill=(250, 250, 246), width=12)
        draw.ellipse([x - 30, 475, x + 140, 510], fill=(236, 236, 230))
    draw.ellipse([120, 470, 300, 520], fill=(236, 236, 230))
    for x in (150, 195, 240):
        draw.ellipse([x, 455, x + 45, 490], fill=(214, 168, 98))


def lamp_lit_room(draw):
    draw.rectangle([0, 0, SIZE[0], SIZE[1]], fill=(52, 56, 84))
    glow = PILImage.new("L", SIZE, 0)
    ImageDraw.Draw(glow).ellipse([120, 60, 720, 660], fill=90)
    draw.bitmap((0, 0), glow, fill=(120, 100, 90))
    draw.rectangle([0, 620, SIZE[0], SIZE[1]], fill=(90, 70, 64))
    draw.line([(420, 250), (420, 620)], fill=(40, 36, 40), width=10)
    draw.polygon([(340, 250), (500, 250), (460, 160), (380, 160)], fill=(250, 214, 140))
    draw.rounded_rectangle([520, 420, 820, 640], 40, fill=(170, 80, 70))
    draw.rounded_rectangle([540, 330, 800, 500], 40, fill=(186, 92, 80))
    for i, colour in enumerate(((200, 160, 90), (120, 150, 180), (160, 90, 90), (90, 140, 110))):
        x = 900 + i * 55
        draw.rectangle([x, 300, x + 42, 460], fill=colour)
    draw.rectangle([880, 460, 1140, 480], fill=(120, 90, 70))
    draw.rectangle([880, 280, 1140, 300], fill=(120, 90, 70))


def community_garden(draw):
    _sky(draw, (206, 228, 240), (240, 246, 236), 420)
    draw.rectangle([0, 420, SIZE[0], SIZE[1]], fill=(132, 104, 76))
    for row, y in enumerate((470, 590, 710)):
        draw.rectangle([60, y, 1140, y + 60], fill=(104, 80, 58))
        for x in range(100 + row * 30, 1120, 90):
            draw.ellipse([x - 30, y - 40, x + 30, y + 20], fill=(84, 150, 84))
            if (x // 90) % 3 == 0:
                draw.ellipse([x - 10, y - 30, x + 10, y - 10], fill=(226, 96, 80))
    draw.rectangle([880, 260, 1020, 420], fill=(200, 160, 100))
    draw.polygon([(860, 260), (1040, 260), (950, 190)], fill=(160, 80, 60))
    _person(draw, 320, 470, (230, 180, 60), scale=0.9)
    draw.line([(350, 350), (420, 460)], fill=(110, 80, 55), width=8)  # a spade


def quiet_desk(draw):
    draw.rectangle([0, 0, SIZE[0], SIZE[1]], fill=(232, 238, 232))
    draw.rectangle([0, 520, SIZE[0], SIZE[1]], fill=(190, 150, 110))
    draw.rounded_rectangle([330, 300, 870, 520], 12, fill=(60, 70, 80))
    draw.rectangle([350, 320, 850, 500], fill=(150, 196, 210))
    draw.ellipse([560, 360, 640, 440], fill=(240, 200, 170))
    draw.rectangle([250, 540, 950, 560], fill=(70, 80, 90))
    draw.rounded_rectangle([980, 420, 1060, 520], 10, fill=(240, 240, 236))
    draw.polygon([(1000, 420), (1040, 420), (1060, 330), (980, 330)], fill=(90, 160, 110))
    draw.rectangle([120, 440, 220, 520], fill=(250, 250, 246))
    draw.line([(130, 460), (210, 460)], fill=(150, 150, 150), width=3)
    draw.line([(130, 480), (200, 480)], fill=(150, 150, 150), width=3)


# key: (title, alt text, drawing)
SCENES = {
    "park-walk": (
        "Demo illustration: a walk in the park",
        "Drawing of two people and a dog walking along a path through a green park on a sunny day.",
        park_walk,
    ),
    "tea-table": (
        "Demo illustration: tea and biscuits",
        "Drawing of a blue teapot, two cups and a plate of biscuits on a wooden table by a window.",
        tea_table,
    ),
    "lamp-lit-room": (
        "Demo illustration: a lamp-lit room",
        "Drawing of a cosy room in the evening: a warm lamp beside a red armchair and a shelf "
        "of books.",
        lamp_lit_room,
    ),
    "community-garden": (
        "Demo illustration: the community garden",
        "Drawing of a person with a spade among rows of vegetable beds beside a garden shed.",
        community_garden,
    ),
    "quiet-desk": (
        "Demo illustration: joining from home",
        "Drawing of a laptop on a desk showing a friendly face, with a plant and a notepad.",
        quiet_desk,
    ),
}


def draw_scene(key):
    """The PNG bytes of one scene."""
    picture = PILImage.new("RGB", SIZE, (255, 255, 255))
    SCENES[key][2](ImageDraw.Draw(picture))
    buffer = BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_image(key, log=print):
    """The stored Wagtail image for a scene, created on first use."""
    from wagtail.images.models import Image

    title, alt, _draw = SCENES[key]
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(
            title=title,
            description=alt,
            file=ImageFile(BytesIO(draw_scene(key)), name=f"demo-{key}.png"),
        )
        log(f"Created the demo image {title!r}.")
    return image
