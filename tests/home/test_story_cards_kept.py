"""Story cards are kept rendered one by one under a digest of everything a card shows:
a change shows on the very next request (the page cache is off in the tests), and a card
rendered for the story index is reused by the home page and the index's other pages.
What the cards are rendered from is itself kept for a while (home.services.stories.cards,
keyed on each page's published version and comment count; tests/home/
test_story_cards_cache.py), so an edit that publishes nothing (a renamed category, a new
focal point) shows within that time, as before."""

import pytest

from events.core.services import fragments
from home.models import StoryPage
from home.templatetags.home_tags import story_card_values
from tests.home import shared_story
from tests.support.kept_fragments import count_fresh_renders

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
author, category, index, story, story_rows = (
    shared_story.author,
    shared_story.category,
    shared_story.index,
    shared_story.story,
    shared_story.story_rows,
)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def renders(monkeypatch):
    """How many cards each list rendered afresh (not taken from the cache)."""
    return count_fresh_renders(monkeypatch, "story-card")


def test_a_new_address_shows(client, index, story):
    assert 'href="/stories/finding-my-people/"' in html(client, index.url)
    story.slug = "my-people"
    story.save_revision().publish()
    page = html(client, index.url)
    assert 'href="/stories/my-people/"' in page and "/finding-my-people/" not in page


def test_a_card_is_rendered_once_for_the_index_and_the_home_page(
    client, index, story, article, renders
):
    html(client, index.url)
    assert sum(renders) == 2
    renders.clear()
    html(client, index.url)
    html(client, index.url + "?category=" + story.categories.first().slug)
    assert sum(renders) == 0


def test_the_heading_level_is_part_of_the_key(index, story):
    page = StoryPage.objects.get(pk=story.pk)
    page.approved_comments = 0
    values = story_card_values(page)
    assert fragments.key_for("story-card", (2, *values)) != fragments.key_for(
        "story-card", (3, *values)
    )


def test_a_kept_card_holds_nothing_per_reader(client, index, story, django_user_model):
    anonymous = html(client, index.url)
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    signed_in = html(client, index.url)
    start = anonymous.index('<article class="story-card"')
    end = anonymous.index("</article>", start)
    assert anonymous[start:end] in signed_in
