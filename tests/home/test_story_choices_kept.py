"""The story index's category and tag choices are kept under the editorial stamp: a new
story, a renamed category and a renamed tag each show on the very next request."""

import pytest
from taggit.models import Tag

from home.models import StoryCategory
from home.services import stories
from tests.home import shared_story
from tests.home.conftest import add_story
from tests.support.kept_fragments import watch_calls

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows

pytestmark = pytest.mark.django_db


def choices(client, index):
    response = client.get(index.url)
    assert response.status_code == 200
    names = [category.name for category in response.context["categories"]]
    return names, [tag.name for tag in response.context["tags"]]


def test_a_second_visit_reads_the_choices_from_what_is_kept(client, index, story, monkeypatch):
    reads = watch_calls(monkeypatch, stories, "categories_in_use")

    assert choices(client, index) == choices(client, index) == (["Peer support"], ["hope"])
    assert len(reads) == 1


def test_a_new_story_s_category_and_tag_show_on_the_next_request(client, index, story):
    choices(client, index)
    recovery = StoryCategory.objects.create(name="Recovery", slug="recovery")

    add_story(index, "A recovery story", categories=[recovery], tags=["walking"])

    assert choices(client, index) == (["Peer support", "Recovery"], ["hope", "walking"])


def test_a_renamed_category_and_tag_show_on_the_next_request(client, index, story):
    """Control: without home.apps' receivers the old names stay (checked)."""
    choices(client, index)

    category = StoryCategory.objects.get()
    category.name = "Peer circles"
    category.save()
    tag = Tag.objects.get(name="hope")
    tag.name = "hopeful"
    tag.save()

    assert choices(client, index) == (["Peer circles"], ["hopeful"])
