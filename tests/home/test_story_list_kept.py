"""A story index keeps each page of cards rendered under the editorial stamp and the rows
it lists (each story's version and approved-comment count): the cards' stories are read
only when the list is drawn, and what an editor or a moderator changes shows on the very
next request (the page cache is off in the tests)."""

import pytest

from home.models import Comment
from home.services import stories
from tests.home import shared_story
from tests.home.conftest import add_story
from tests.support.kept_fragments import watch_calls

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
category, index, story, story_rows = (
    shared_story.category,
    shared_story.index,
    shared_story.story,
    shared_story.story_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def read(monkeypatch):
    return watch_calls(monkeypatch, stories, "cards")


def index_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_reads_no_cards(client, index, story, read):
    first = index_html(client, index.url)
    second = index_html(client, index.url)

    assert "Finding my people" in first
    assert first == second
    assert len(read) == 1


def test_an_approved_comment_shows_in_its_card_on_the_next_request(client, index, story):
    assert "No thoughts yet" in index_html(client, index.url)

    Comment.objects.create(
        page=story, name="Reader", body="Thank you", status=Comment.Status.APPROVED
    )

    assert "1 thought" in index_html(client, index.url)


def test_a_renamed_category_shows_on_the_next_request(client, index, story, category):
    """Cards name their categories: a renamed one replaces the stamp (home/apps.py)."""
    index_html(client, index.url)
    category.name = "Peers and support"
    category.save()

    listed = index_html(client, index.url).split('class="story-list"')[1]
    assert "Peers and support" in listed


def test_search_results_are_their_own_list_in_rank_order(client, index, read):
    add_story(index, "Walking by the river", intro="River walks.")
    add_story(index, "Quiet river mornings", intro="Mornings by the river, river, river.")
    add_story(index, "Baking bread", intro="Flour and water.")

    everything = index_html(client, index.url)
    found = index_html(client, index.url + "?q=river")

    assert "Baking bread" in everything and "Baking bread" not in found
    assert "Walking by the river" in found and "Quiet river mornings" in found
    assert len(read) == 2
