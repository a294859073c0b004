"""Pictures: the demo's drawn illustrations (distinct per story, not one gradient) and an
event's own optional picture, shown with its alt text and listed in the Event JSON-LD."""

import hashlib
import io
import json
import re

import pytest
from PIL import Image as PILImage

from events.demo_images import SCENES, demo_image, draw_scene
from tests.events import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jsonld_of(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_every_scene_is_a_different_picture_with_alt_text():
    digests = set()
    for key, (title, alt, _draw) in SCENES.items():
        data = draw_scene(key)
        picture = PILImage.open(io.BytesIO(data))
        assert picture.size == (1200, 800)
        # An illustration, not a two-colour gradient: many distinct colours.
        assert len(picture.getcolors(maxcolors=100_000) or []) > 8, key
        digests.add(hashlib.sha256(data).hexdigest())
        assert title and len(alt) > 30
    assert len(digests) == len(SCENES)


def test_event_page_shows_its_picture_with_alt_text_and_lists_it_in_jsonld(client):
    image = demo_image("tea-table", log=lambda message: None)
    event = factories.event(image=image)

    html = client.get(event.url).content.decode()

    img = re.search(r'<figure class="event-image">.*?<img ([^>]*)>', html, re.S)
    assert img, "no picture on the event page"
    assert f'alt="{image.description}"' in img.group(1)
    assert re.search(r'\bwidth="\d+"', img.group(1)) and re.search(r'\bheight="\d+"', img.group(1))
    images = jsonld_of(html)["image"]
    assert images[0].startswith("http://testserver/") and images[0].endswith(".jpg")
    assert len(images) >= 1


def test_event_without_a_picture_shows_none_and_alt_falls_back_to_title(client):
    plain = factories.event(title="No picture here")
    assert '<figure class="event-image">' not in client.get(plain.url).content.decode()

    image = demo_image("park-walk", log=lambda message: None)
    image.description = ""
    image.save()
    event = factories.event(title="Titled picture", image=image)
    html = client.get(event.url).content.decode()
    assert f'alt="{image.title}"' in html


def test_deleting_the_picture_keeps_the_event():
    image = demo_image("quiet-desk", log=lambda message: None)
    event = factories.event(image=image)
    image.delete()
    event.refresh_from_db()
    assert event.image is None
