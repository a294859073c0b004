"""Rendition pixels are shared across the run's tests (tests/support/renditions_made_once.py):
the same picture, focal point and filter give what Wagtail would make; anything else is
made anew."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def picture(colour=(40, 110, 90)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 200), colour).save(buffer, "PNG")
    # A stripe, so that where a crop falls shows in the pixels.
    stripe = PILImage.open(buffer)
    stripe.paste((250, 250, 250), (270, 0, 300, 200))
    buffer = io.BytesIO()
    stripe.save(buffer, "PNG")
    return Image.objects.create(title="Test", file=ImageFile(buffer, name="stripe.png"))


def pixels(rendition):
    with rendition.file.open() as made:
        return PILImage.open(io.BytesIO(made.read())).convert("RGB").tobytes()


@pytest.mark.django_db
def test_the_same_picture_and_filter_reuse_the_pixels(_renditions_made_once):
    image = picture()
    first = image.get_rendition("fill-100x100|format-png")
    made = pixels(first)
    hits = _renditions_made_once.hits

    # As the next test would find it: the rendition row gone, the original the same.
    image.renditions.all().delete()
    again = Image.objects.get(pk=image.pk).get_rendition("fill-100x100|format-png")

    assert _renditions_made_once.hits == hits + 1
    assert again.pk != first.pk and (again.width, again.height) == (100, 100)
    assert pixels(again) == made


@pytest.mark.django_db
def test_another_focal_point_or_picture_is_made_anew(_renditions_made_once):
    image = picture()
    left = pixels(image.get_rendition("fill-100x100|format-png"))
    hits = _renditions_made_once.hits

    image.focal_point_x, image.focal_point_y = 285, 100
    image.focal_point_width = image.focal_point_height = 10
    image.save()
    image.renditions.all().delete()
    right = pixels(Image.objects.get(pk=image.pk).get_rendition("fill-100x100|format-png"))
    other = pixels(picture(colour=(200, 60, 60)).get_rendition("fill-100x100|format-png"))

    assert _renditions_made_once.hits == hits
    assert len({left, right, other}) == 3
