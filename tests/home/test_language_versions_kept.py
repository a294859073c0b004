"""A page's address in each language is worked out once per editorial change, not on
each view (issue 25): a warm view works out none, yet a translation published or
withdrawn shows in the switcher and the hreflang links on the next request, each address
(its query too) keeps its own, and a preview works them out afresh."""

import re

import pytest

from home.services import translations
from tests.home import shared_story
from tests.home.test_languages import alternates, translate
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py).
story, story_rows = shared_story.story, shared_story.story_rows


@pytest.fixture
def worked_out(monkeypatch):
    """The calls that worked versions out (rather than using kept ones)."""
    return watch_calls(monkeypatch, translations, "_read_language_versions")


def paths(calls):
    return [request.get_full_path() for request, _page in calls]


def switcher(response):
    assert response.status_code == 200
    found = re.search(r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S)
    return found.group(0)


def test_a_warm_view_works_out_no_versions(client, story, worked_out):
    first = switcher(client.get(story.url))
    assert paths(worked_out) == [story.url]

    assert switcher(client.get(story.url)) == first
    assert paths(worked_out) == [story.url]


def test_a_translation_published_and_withdrawn_shows_at_once(client, home, story):
    assert alternates(client.get(story.url)) == {}
    copy = translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")

    shown = client.get(story.url)
    assert f'href="{copy.url}" lang="es"' in switcher(shown)
    assert alternates(shown)["es"] == "http://testserver" + copy.url

    copy.unpublish()

    shown = client.get(story.url)
    assert f'href="{copy.url}"' not in switcher(shown)
    assert f'href="/es{story.url}" lang="es"' in switcher(shown)
    assert alternates(shown) == {}


def test_each_address_keeps_its_own(client):
    plain = switcher(client.get("/search/"))
    asked = switcher(client.get("/search/", {"q": "walk"}))

    assert 'href="/es/search/"' in plain
    assert 'href="/es/search/?q=walk"' in asked
    assert switcher(client.get("/search/")) == plain
    assert switcher(client.get("/es/search/")) != plain, "each language has its own"


def test_a_preview_works_them_out_afresh(client, story, worked_out):
    client.get(story.url)
    draft = story.get_latest_revision_as_object()

    draft.make_preview_request()
    draft.make_preview_request()

    assert len(worked_out) == 3
