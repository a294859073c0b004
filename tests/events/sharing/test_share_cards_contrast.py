"""WCAG contrast arithmetic used by the share cards, checked against known values."""

import pytest
from PIL import Image, ImageDraw

from events.sharing.services import contrast
from tests.events.cardkit import luminance


def test_known_ratios():
    assert contrast.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # The classic borderline greys on white: #767676 passes AA, #777777 just fails.
    assert contrast.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast.contrast_ratio("#ffffff", "#767676") == contrast.contrast_ratio(
        "#767676", "#ffffff"
    )


def test_relative_luminance_matches_the_formula():
    for colour in [(0, 0, 0), (255, 255, 255), (31, 78, 95), (242, 193, 78), (10, 200, 30)]:
        assert contrast.relative_luminance(colour) == pytest.approx(luminance(colour))


@pytest.mark.parametrize("text", ["#abc", "aabbcc", "#AABBCC"])
def test_hex_colours_parse(text):
    assert contrast.parse_hex(text) == (0xAA, 0xBB, 0xCC)


@pytest.mark.parametrize("text", ["", "#12", "#12345g", "blue"])
def test_bad_hex_colours_are_refused_with_a_clear_message(text):
    with pytest.raises(ValueError, match="not a #rrggbb colour"):
        contrast.parse_hex(text)


def test_a_colour_that_already_passes_is_left_alone():
    assert contrast.adjust_to_contrast("#1f4e5f", "#ffffff") == (0x1F, 0x4E, 0x5F)


@pytest.mark.parametrize("against", ["#ffffff", "#141414", "#808080"])
def test_adjusting_reaches_the_target_with_a_small_change(against):
    moved = contrast.adjust_to_contrast("#8a8a8a", against, 4.5)

    assert contrast.contrast_ratio(moved, against) >= 4.5
    # Greys stay grey, and the colour is not pushed all the way to black or white.
    assert moved[0] == moved[1] == moved[2]
    assert moved not in {(0, 0, 0), (255, 255, 255)}


def test_readable_pair_picks_the_text_colour_that_passes():
    light, dark = (255, 255, 255), (20, 20, 20)

    assert contrast.readable_pair("#1f4e5f", light, dark).text == light
    assert contrast.readable_pair("#f2c14e", light, dark).text == dark


def test_readable_pair_moves_a_mid_grey_that_no_text_colour_can_carry():
    light, dark = (255, 255, 255), (40, 40, 40)
    grey = "#7a7a7a"
    assert contrast.contrast_ratio(light, grey) < 4.5
    assert contrast.contrast_ratio(dark, grey) < 4.5

    pair = contrast.readable_pair(grey, light, dark)

    assert pair.backdrop != (0x7A, 0x7A, 0x7A)
    assert pair.ratio >= 4.5
    assert contrast.contrast_ratio(pair.text, pair.backdrop) == pytest.approx(pair.ratio)


def test_luminance_extremes_see_a_single_bright_pixel():
    image = Image.new("RGB", (300, 200), (10, 10, 10))
    image.putpixel((150, 100), (255, 255, 255))

    low, high = contrast.luminance_extremes(image)

    assert low == pytest.approx(luminance((10, 10, 10)), abs=1e-6)
    assert high == pytest.approx(1.0, abs=1e-6)
    assert contrast.luminance_extremes(image, (0, 0, 100, 100))[1] == pytest.approx(
        luminance((10, 10, 10)), abs=1e-6
    )


def test_bounding_colours_never_understate_the_extremes():
    image = Image.new("RGB", (240, 160), (90, 140, 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 60, 60), fill=(201, 13, 77))
    draw.ellipse((100, 40, 200, 140), fill=(3, 250, 129))

    exact_low, exact_high = contrast.luminance_extremes(image)
    stand_in = contrast.bounding_colours(image)
    bound_low, bound_high = contrast.luminance_extremes(stand_in)

    assert stand_in.height == 1
    assert stand_in.width <= 2 * 32**3
    assert bound_low <= exact_low
    assert bound_high >= exact_high
