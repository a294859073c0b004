"""A story's share tags (OpenGraph, Twitter) are kept drawn under a digest of what they
show (issue 25): a warm view draws none, yet a new title or a renamed site shows on the
next request. That the meta itself follows a publish is tested in test_shared_lookups."""

import pytest

from home.models import SiteSettings
from tests.events.factories import republish
from tests.home import shared_story
from tests.support.kept_fragments import drew

pytestmark = pytest.mark.django_db

TAGS_TEMPLATE = "components/social_meta.html"

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py).
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows


def drawn(response):
    return drew(response, TAGS_TEMPLATE)


def tags(response):
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    return [line for line in lines if 'property="og:' in line or 'name="twitter:' in line]


def test_a_warm_view_draws_no_tags_and_shows_the_same_ones(client, story):
    first = client.get(story.url)
    again = client.get(story.url)

    assert drawn(first) and not drawn(again)
    assert f'<meta property="og:title" content="{story.title}">' in tags(first)
    assert tags(again) == tags(first)


def test_a_new_title_and_a_renamed_site_show_at_once(client, story):
    client.get(story.url)
    republish(story, title="Walking back to myself")

    shown = tags(client.get(story.url))
    assert '<meta property="og:title" content="Walking back to myself">' in shown
    assert '<meta name="twitter:title" content="Walking back to myself">' in shown

    site_settings = SiteSettings.objects.get()
    site_settings.organisation_name = "Harbour Minds"
    site_settings.save()

    shown = tags(client.get(story.url))
    assert '<meta property="og:site_name" content="Harbour Minds">' in shown
