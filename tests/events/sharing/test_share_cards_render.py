"""The share-card renderer: text fits its box, meets AA contrast, and never draws tofu."""

import io

import pytest
from PIL import Image

from events.sharing.services import card_hashing, card_text, card_types
from events.sharing.services.card_layouts import LAYOUTS
from events.sharing.services.contrast import parse_hex as contrast_rgb
from events.sharing.services.share_cards import render_card
from tests.events.cardkit import (
    busy_photo,
    dark_photo,
    inside,
    light_photo,
    sample_content,
    worst_ratio_behind,
)

ALL_LAYOUTS = sorted(LAYOUTS)


def decoded(result):
    image = Image.open(io.BytesIO(result.image_bytes))
    image.load()
    return image


def assert_readable_and_inside(result):
    """Every text box: inside the safe area, and >= 4.5:1 against every pixel behind it."""
    assert result.text_boxes, "the card drew no text at all"
    for box in result.text_boxes:
        assert inside(box.box, result.layout.safe_area), (box.role, box.box)
        measured = worst_ratio_behind(result.backdrop, box.box, box.colour)
        assert measured >= 4.5, (box.role, measured)
        # The renderer's own figure is never rosier than the exact one: it measures a few
        # pixels around the ink as well, where anti-aliased edges fall.
        assert 4.5 <= box.contrast <= measured + 0.01, (box.role, box.contrast, measured)


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_card_has_the_layout_size_and_is_a_png(layout):
    result = render_card(sample_content(), layout)

    image = decoded(result)
    assert image.format == "PNG"
    assert image.size == (LAYOUTS[layout].width, LAYOUTS[layout].height)
    assert result.content_type == "image/png"
    assert_readable_and_inside(result)
    assert {box.role for box in result.text_boxes} == {"kind", "title", "meta", "footer"}


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_a_very_long_title_shrinks_wraps_and_stays_inside(layout):
    title = " ".join(["Recovery looks different for everyone, and that is all right."] * 20)
    result = render_card(sample_content(title=title), layout)

    title_box = next(box for box in result.text_boxes if box.role == "title")
    assert title_box.font_size == LAYOUTS[layout].title_min
    assert result.title_truncated
    assert title_box.text.endswith(card_text.ELLIPSIS)
    assert_readable_and_inside(result)


def test_a_moderately_long_title_is_not_cut_but_set_smaller():
    short = render_card(sample_content(title="Hope"), "landscape")
    longer = render_card(
        sample_content(title="Finding words together: an evening of stories about recovery"),
        "landscape",
    )

    short_box = next(box for box in short.text_boxes if box.role == "title")
    longer_box = next(box for box in longer.text_boxes if box.role == "title")
    assert short_box.font_size == LAYOUTS["landscape"].title_max
    assert longer_box.font_size < short_box.font_size
    assert not longer.title_truncated
    assert longer_box.text.replace("\n", " ") == (
        "Finding words together: an evening of stories about recovery"
    )


def test_an_unbreakable_word_is_split_rather_than_overflowing():
    result = render_card(sample_content(title="https://" + "x" * 200 + ".example"), "square")

    assert_readable_and_inside(result)


@pytest.mark.parametrize(
    "title",
    [
        "Ça va ? Ærøskøbing, Łódź, Šiauliai, Dvůr Králové, Þórshöfn, Ğumuşhane",
        "Ελπίδα και ανάρρωση",  # Greek
        "Надежда и выздоровление",  # Cyrillic
    ],
)
def test_accented_latin_greek_and_cyrillic_are_drawn_unchanged(title):
    result = render_card(sample_content(title=title), "landscape")

    title_box = next(box for box in result.text_boxes if box.role == "title")
    assert title_box.text.replace("\n", " ") == title
    assert_readable_and_inside(result)


def test_decomposed_accents_are_composed_so_the_font_draws_them_whole():
    decomposed = "Cafe\u0301 Zoe\u0308"

    assert card_text.drawable_text(decomposed) == "Café Zoë"


def test_emoji_are_left_out_without_tofu_or_stray_joiners():
    sprout, woman_walking = "\U0001f331", "\U0001f6b6\u200d\u2640\ufe0f"
    heart, flag = "\u2764\ufe0f", "\U0001f1ec\U0001f1e7"
    title = f"Walk & talk {sprout}{woman_walking} together {heart} {flag}"

    cleaned = card_text.drawable_text(title)
    result = render_card(sample_content(title=title), "landscape")

    assert cleaned == "Walk & talk together \u2764"
    title_box = next(box for box in result.text_boxes if box.role == "title")
    assert title_box.text.replace("\n", " ") == cleaned
    covered = card_text.covered_codepoints(card_text.BOLD)
    assert all(ord(char) in covered for char in title_box.text if char != "\n")
    assert_readable_and_inside(result)


def test_characters_missing_from_the_font_are_dropped_not_drawn_as_boxes():
    covered = card_text.covered_codepoints(card_text.BOLD)
    assert ord("日") not in covered  # DejaVu has no CJK: the precondition of this test

    assert card_text.drawable_text("Hope 日本 together") == "Hope together"


def test_a_title_of_only_emoji_leaves_the_rest_of_the_card_intact():
    result = render_card(sample_content(title="\U0001f331\U0001f33b"), "landscape")

    assert {box.role for box in result.text_boxes} == {"kind", "meta", "footer"}
    assert_readable_and_inside(result)


@pytest.mark.parametrize("background", [None, b"not an image at all"], ids=["none", "broken"])
def test_a_missing_or_unreadable_image_falls_back_to_brand_colours(background):
    result = render_card(sample_content(background=background), "landscape")

    assert not result.background_used
    assert result.scrim_alpha is None
    assert decoded(result).getpixel((5, 5)) == (0x1F, 0x4E, 0x5F)
    assert_readable_and_inside(result)


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("photo", [dark_photo, light_photo, busy_photo])
def test_text_over_photos_meets_aa_against_the_worst_pixel_behind_it(layout, photo):
    result = render_card(sample_content(background=photo()), layout)

    assert result.background_used
    assert_readable_and_inside(result)


def test_the_panel_over_a_photo_is_only_as_opaque_as_needed():
    plain_dark = Image.new("RGB", (1200, 630), (10, 10, 10))
    dark = render_card(sample_content(background=plain_dark), "landscape")
    busy = render_card(sample_content(background=busy_photo()), "landscape")

    # White text already reads on near-black: the photo needs no panel at all.
    assert dark.scrim_alpha == 0
    # Black-and-white stripes need a nearly solid panel.
    assert busy.scrim_alpha > 150
    assert_readable_and_inside(dark)


def test_the_photo_shows_above_the_text_panel():
    photo = Image.new("RGB", (1200, 630), (200, 40, 40))
    result = render_card(sample_content(background=photo), "landscape")

    assert decoded(result).getpixel((600, 5)) == (200, 40, 40)


@pytest.mark.parametrize(
    ("primary", "accent"),
    [
        ("#808080", "#777777"),  # mid greys: neither white nor dark text reaches 4.5:1
        ("#ffff00", "#ffffff"),  # yellow and white
        ("#0000ff", "#000080"),  # deep blues
        ("#ff8c00", "#00a0a0"),  # orange and teal, both mid-luminance
    ],
)
def test_poor_brand_colours_are_nudged_until_text_meets_aa(primary, accent):
    result = render_card(sample_content(primary=primary, accent=accent), "landscape")

    assert_readable_and_inside(result)


def test_good_brand_colours_are_kept_exactly():
    result = render_card(sample_content(primary="#1f4e5f", accent="#f2c14e"), "square")

    image = decoded(result)
    assert image.getpixel((5, 5)) == (0x1F, 0x4E, 0x5F)
    assert image.getpixel((5, image.height - 2)) == (0xF2, 0xC1, 0x4E)  # the accent bar


def test_logo_is_drawn_in_the_safe_area_and_the_title_keeps_clear_of_it():
    logo = Image.new("RGBA", (400, 200), (255, 255, 255, 255))
    result = render_card(sample_content(logo=logo, title="A " * 80), "landscape")

    left, top, _right, _bottom = result.layout.safe_area
    assert decoded(result).getpixel((left + 5, top + 5)) == (255, 255, 255)
    title_box = next(box for box in result.text_boxes if box.role == "title")
    assert title_box.box[1] >= top + result.layout.logo_height
    assert_readable_and_inside(result)


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_rendering_is_deterministic(layout):
    content = sample_content(background=light_photo(), logo=Image.new("RGBA", (64, 64), "white"))

    first = render_card(content, layout)
    second = render_card(content, layout)

    assert first.image_bytes == second.image_bytes
    assert first.content_hash == second.content_hash


def test_png_carries_no_time_stamp_or_text_metadata():
    data = render_card(sample_content(), "landscape").image_bytes

    chunks, offset = [], 8
    while offset < len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        chunks.append(data[offset + 4 : offset + 8].decode("ascii"))
        offset += 12 + length
    assert set(chunks) <= {"IHDR", "IDAT", "IEND"}


def test_webp_output():
    result = render_card(sample_content(), "square", image_format="webp")

    image = decoded(result)
    assert image.format == "WEBP"
    assert image.size == (1080, 1080)
    assert result.content_type == "image/webp"


def test_unknown_layout_or_format_is_refused_clearly():
    with pytest.raises(ValueError, match="unknown card layout"):
        render_card(sample_content(), "banner")
    with pytest.raises(ValueError, match="unsupported card format"):
        render_card(sample_content(), "landscape", image_format="gif")


def test_content_hash_changes_with_anything_that_changes_the_pixels():
    base = sample_content()
    digest = card_hashing.content_hash(base, "landscape")

    assert len(digest) == 64
    assert card_hashing.content_hash(sample_content(), "landscape") == digest
    changed = [
        card_hashing.content_hash(sample_content(title="Another"), "landscape"),
        card_hashing.content_hash(sample_content(primary="#000000"), "landscape"),
        card_hashing.content_hash(sample_content(background=b"photo-1"), "landscape"),
        card_hashing.content_hash(sample_content(background_key="image-7"), "landscape"),
        card_hashing.content_hash(base, "square"),
        card_hashing.content_hash(base, "landscape", "webp"),
    ]
    assert digest not in changed
    assert len(set(changed)) == len(changed)


def test_content_hash_reads_file_objects_without_moving_them():
    photo = io.BytesIO()
    light_photo((300, 200)).save(photo, format="PNG")
    photo.seek(0)

    first = card_hashing.content_hash(sample_content(background=photo), "landscape")
    second = card_hashing.content_hash(sample_content(background=photo), "landscape")

    assert first == second
    assert photo.tell() == 0
    assert render_card(sample_content(background=photo), "landscape").background_used


@pytest.mark.parametrize("bad", ["", "teal", "#12345", None])
def test_a_malformed_brand_colour_falls_back_to_the_house_colours(bad):
    result = render_card(sample_content(primary=bad, accent=bad), "landscape")

    image = decoded(result)
    assert image.getpixel((5, 5)) == contrast_rgb(card_types.DEFAULT_PRIMARY)
    assert card_hashing.content_hash(sample_content(primary=bad), "landscape")
    assert_readable_and_inside(result)


def test_alt_text_says_what_the_card_says():
    content = sample_content()

    assert card_types.alt_text(content) == (
        "Workshop: Walk and talk: a gentle morning stroll by the river. "
        "Saturday 9 May 2026, 10:00 to 11:30. Riverside Park, north gate. "
        "Mental Health Awareness Month #TalkMore."
    )
    assert card_types.alt_text(sample_content(kind="", when="", where="", campaign="")) == (
        "Walk and talk: a gentle morning stroll by the river. #TalkMore."
    )


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_long_label_place_and_campaign_lines_end_with_an_ellipsis_inside(layout):
    long = "Extraordinarily long words about a very long place name " * 5
    result = render_card(
        sample_content(kind=long, where=long, when=long, campaign=long, hashtag="Talk" * 30),
        layout,
    )

    for box in result.text_boxes:
        if box.role != "title":
            assert box.text.split("\n")[-1].endswith(card_text.ELLIPSIS), box.role
    assert_readable_and_inside(result)


def test_a_large_jpeg_with_an_exif_rotation_fills_the_card_upright():
    photo = Image.new("RGB", (3000, 2000), (240, 240, 240))
    photo.paste((200, 30, 30), (0, 0, 3000, 300))  # a red band along the stored top edge
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: shown rotated 90 degrees clockwise
    upload = io.BytesIO()
    photo.save(upload, format="JPEG", quality=90, exif=exif)

    result = render_card(sample_content(background=upload.getvalue()), "story")

    image = decoded(result)
    assert result.background_used
    # Upright, the stored top edge becomes the right-hand side of the picture.
    right = image.getpixel((image.width - 5, 100))
    left = image.getpixel((5, 100))
    assert right[0] > 150 and right[1] < 90, right
    assert min(left) > 200, left
    assert_readable_and_inside(result)
