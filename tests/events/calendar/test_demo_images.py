"""The demo's drawn pictures: one of its own per story and per pictured event.

A module of its own: the demo is in the database for the whole module (tests/conftest.py,
``demo_for_module``), and the other picture tests start from an empty one.
"""

import hashlib
import io

import pytest
from django.core.management import call_command

from events.models import EventPage
from home.models import ArticlePage, StoryPage

pytestmark = pytest.mark.django_db


def test_demo_stories_and_events_have_distinct_drawn_images(demo_content):
    # A translation shows its source's picture: one each among the source-language pages.
    english = {"locale__language_code": "en-gb"}
    stories = list(StoryPage.objects.live().filter(**english)) + list(
        ArticlePage.objects.live().filter(**english)
    )
    images = [page.image for page in stories]
    assert all(images)
    assert len({image.pk for image in images}) == len(stories)
    assert len({hashlib.sha256(image.file.read()).hexdigest() for image in images}) == len(stories)
    assert all(image.description for image in images)
    pictured = EventPage.objects.live().in_source_language().filter(image__isnull=False)
    assert pictured.count() >= 3
    assert len({event.image_id for event in pictured}) == pictured.count()

    # Loading again reuses the stored pictures.
    before = {page.pk: page.image_id for page in StoryPage.objects.all()}
    call_command("load_demo", stdout=io.StringIO())
    assert {page.pk: page.image_id for page in StoryPage.objects.all()} == before
