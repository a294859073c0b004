"""Golden images: one reference card per layout, compared with a small per-pixel tolerance.

The references live in tests/events/sharing/golden/. After an intended change to the drawing
(and a bump of ``card_hashing.RENDERER_VERSION``), regenerate them and look at them before
committing:

    UPDATE_GOLDEN=1 make test PYTEST_ARGS=tests/events/sharing/test_share_cards_golden.py

Exact bytes are checked by the determinism tests; here a little slack (anti-aliasing
differences of a few levels on a handful of pixels) keeps the golden test about the
picture rather than the encoder.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from events.sharing.services.card_layouts import LAYOUTS
from events.sharing.services.share_cards import render_card
from tests.events.cardkit import sample_content

GOLDEN_DIR = Path(__file__).parent / "golden"
# A pixel "differs" when any channel is off by more than this many levels (of 255).
PIXEL_TOLERANCE = 8
# The share of pixels allowed to differ, and the allowed mean difference per channel.
MAX_DIFFERING_SHARE = 0.002
MAX_MEAN_DIFFERENCE = 0.5


def hills(size=(1200, 900)):
    """A calm made-up landscape: sky gradient, two hills and a sun."""
    sky = Image.linear_gradient("L").resize(size).point(lambda v: 140 + v // 3)
    image = Image.merge("RGB", (sky.point(lambda v: v - 60), sky.point(lambda v: v - 20), sky))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] - 360, 90, size[0] - 220, 230), fill=(250, 220, 150))
    draw.ellipse((-300, size[1] // 2, size[0] // 2 + 200, size[1] * 2), fill=(70, 110, 70))
    draw.ellipse((size[0] // 3, size[1] // 2 + 80, size[0] + 400, size[1] * 2), fill=(40, 80, 55))
    return image


GOLDEN_CONTENT = {
    "landscape": sample_content(background=hills()),
    "square": sample_content(
        title="Ça va? Stories of hope from Łódź to Ærøskøbing",
        kind="Story",
        when="",
        where="",
    ),
    "story": sample_content(
        kind="Support group",
        primary="#f2c14e",
        accent="#1f4e5f",
        title="Tuesday evening circle: a quiet space to listen and be heard",
    ),
}


def difference(actual, expected):
    diff = ImageChops.difference(actual.convert("RGB"), expected.convert("RGB"))
    per_pixel_max = ImageChops.lighter(
        ImageChops.lighter(diff.getchannel(0), diff.getchannel(1)), diff.getchannel(2)
    )
    differing = sum(per_pixel_max.histogram()[PIXEL_TOLERANCE + 1 :])
    total = actual.width * actual.height
    channel_means = [
        sum(index * count for index, count in enumerate(diff.getchannel(band).histogram())) / total
        for band in range(3)
    ]
    return differing / total, max(channel_means)


@pytest.mark.slow
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_card_matches_its_golden_image(layout, tmp_path):
    result = render_card(GOLDEN_CONTENT[layout], layout)
    golden_path = GOLDEN_DIR / f"{layout}.png"

    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden_path.parent.mkdir(parents=True, exist_ok=True)
        Image.open(io.BytesIO(result.image_bytes)).save(golden_path, optimize=True)
    assert golden_path.exists(), f"missing {golden_path}: run with UPDATE_GOLDEN=1 to create it"

    actual = Image.open(io.BytesIO(result.image_bytes))
    expected = Image.open(golden_path)
    assert actual.size == expected.size
    share, mean = difference(actual, expected)
    if share > MAX_DIFFERING_SHARE or mean > MAX_MEAN_DIFFERENCE:
        actual.save(tmp_path / f"{layout}-actual.png")
        pytest.fail(
            f"{layout} card differs from {golden_path.name}: {share:.3%} of pixels off by more "
            f"than {PIXEL_TOLERANCE} levels, mean difference {mean:.2f}; "
            f"actual saved in {tmp_path}"
        )


def test_the_comparison_notices_a_real_change():
    content = GOLDEN_CONTENT["square"]
    original = Image.open(io.BytesIO(render_card(content, "square").image_bytes))
    retitled = Image.open(
        io.BytesIO(render_card(sample_content(title="Something else"), "square").image_bytes)
    )
    nudged = original.point(lambda v: min(255, v + 3))

    share, _mean = difference(retitled, original)
    assert share > MAX_DIFFERING_SHARE
    share, mean = difference(nudged, original)
    assert share == 0 and mean <= 3
