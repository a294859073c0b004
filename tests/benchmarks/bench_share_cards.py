"""Share cards drawn per second by one process, per layout, over brand colours and a photo.

Run with `make bench` (or `BENCH_SIZE=tiny` for a smoke run of a few cards). Also times
the content hash, which is all a request pays once a card is stored, to show what
drawing once per content saves.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image, ImageFilter

from events.sharing.services.card_hashing import content_hash
from events.sharing.services.card_layouts import LAYOUTS
from events.sharing.services.card_types import CardContent
from events.sharing.services.share_cards import render_card

SIZES = {"tiny": 3, "small": 10, "default": 25}
CARDS = SIZES.get(os.environ.get("BENCH_SIZE", "default"), SIZES["default"])


def photo():
    """Something like a photograph: a soft gradient with fine texture, 2000x1333."""
    size = (2000, 1333)
    base = Image.linear_gradient("L").resize(size)
    texture = Image.effect_noise(size, 40).filter(ImageFilter.GaussianBlur(1.2))
    channels = [
        Image.blend(base, texture, 0.35),
        Image.blend(base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), texture, 0.3),
        Image.blend(base.rotate(180), texture, 0.4),
    ]
    return Image.merge("RGB", channels)


def content(index, background):
    return CardContent(
        title=f"Walk and talk number {index}: a gentle morning stroll by the river for everyone",
        kind="Workshop",
        when="Saturday 9 May 2026, 10:00 to 11:30",
        where="Riverside Park, north gate",
        campaign="Mental Health Awareness Month",
        hashtag="TalkMore",
        background=background,
        background_key="bench-photo" if background is not None else "",
    )


def per_second(action, count):
    started = time.perf_counter()
    for index in range(count):
        action(index)
    elapsed = time.perf_counter() - started
    return count / elapsed, elapsed / count * 1000


def main():
    picture = photo()
    render_card(content(0, None), "landscape")  # load fonts once, as a warm worker has
    rows = []
    for name in LAYOUTS:
        brand_rate, brand_ms = per_second(lambda i, n=name: render_card(content(i, None), n), CARDS)
        photo_rate, photo_ms = per_second(
            lambda i, n=name: render_card(content(i, picture), n), CARDS
        )
        _rate, webp_ms = per_second(
            lambda i, n=name: render_card(content(i, picture), n, "webp"), CARDS
        )
        _rate, hash_ms = per_second(
            lambda i, n=name: content_hash(content(i, picture), n), CARDS * 20
        )
        size_kb = len(render_card(content(0, picture), name).image_bytes) / 1024
        webp_kb = len(render_card(content(0, picture), name, "webp").image_bytes) / 1024
        rows.append(
            (name, brand_rate, brand_ms, photo_rate, photo_ms, webp_ms, hash_ms, size_kb, webp_kb)
        )

    print(f"\nShare cards, one process, {CARDS} cards per cell (BENCH_SIZE to change)")
    header = (
        f"{'layout':<10} {'brand/s':>8} {'ms':>6} {'photo/s':>8} {'ms':>6} "
        f"{'photo:brand':>11} {'webp ms':>8} {'png:webp':>8} {'hash ms':>8} {'draw:hash':>9} "
        f"{'png KB':>7} {'webp KB':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, brand_rate, brand_ms, photo_rate, photo_ms, webp_ms, hash_ms, kb, webp_kb in rows:
        print(
            f"{name:<10} {brand_rate:>8.1f} {brand_ms:>6.0f} {photo_rate:>8.1f} {photo_ms:>6.0f} "
            f"{photo_ms / brand_ms:>10.1f}x {webp_ms:>8.0f} {photo_ms / webp_ms:>7.1f}x "
            f"{hash_ms:>8.3f} {photo_ms / hash_ms:>8.0f}x {kb:>7.0f} {webp_kb:>7.0f}"
        )
    print(
        "photo:brand = time for a card over a photo / over brand colours; png:webp = PNG "
        "photo card time / WebP; draw:hash = drawing a card / hashing its content (the "
        "cost of a request once the card is stored)."
    )


if __name__ == "__main__":
    main()
