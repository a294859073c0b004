"""Story cards are kept in the cache under a key naming each page's published version and
comment count: a listing seen before is cheap, and a publish or a moderated comment shows
on the very next request (the page cache is off in the test settings)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import Comment
from tests.events.factories import republish
from tests.home import shared_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
author, category, index, story, story_rows = (
    shared_story.author,
    shared_story.category,
    shared_story.index,
    shared_story.story,
    shared_story.story_rows,
)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_listings_seen_before_cost_less(client, index, story, article):
    cold, _ = count_queries(client, index.url)
    warm, _ = count_queries(client, index.url)
    # The cards of two page types cost 4 queries each; their key costs one.
    assert warm <= cold - 7


def test_a_published_change_shows_on_the_next_request(client, index, story, article):
    for url in (index.url, "/"):
        assert "Finding my people" in client.get(url).content.decode()
    republish(story, title="Finding my people again")
    for url in (index.url, "/"):
        assert "Finding my people again" in client.get(url).content.decode(), url


def test_an_approved_comment_counts_at_once(client, index, story):
    before = client.get(index.url).content.decode()
    assert "1 thought" not in before
    comment = Comment.objects.create(page=story, name="Reader", body="Thank you")
    assert "1 thought" not in client.get(index.url).content.decode()  # still pending
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "1 thought" in client.get(index.url).content.decode()


def test_the_card_renditions_made_ahead_are_the_ones_the_card_shows():
    """The kept cards carry their pictures' renditions only if both name the same spec."""
    from pathlib import Path

    from django.conf import settings

    from home.services.stories import CARD_IMAGE_SPEC

    template = Path(settings.BASE_DIR, "templates/components/story_card.html").read_text()
    assert f"{{% picture story.image {CARD_IMAGE_SPEC} " in template


def test_kept_cards_ask_for_no_renditions(client, index, author, category):
    """Control for the renditions made ahead: the second view of kept cards with pictures
    asks nothing about images (it did once per picture when the kept copy lacked them)."""
    from tests.home.conftest import add_story, make_image

    for number in range(3):
        picture = make_image(f"Image {number}", size=(800, 500))  # the largest card rendition
        add_story(index, f"Pictured {number}", author=author, image=picture)
    client.get(index.url)  # the cards are fetched, their renditions made, all kept
    with CaptureQueriesContext(connection) as context:
        assert client.get(index.url).status_code == 200
    rendition_queries = [q for q in context.captured_queries if "rendition" in q["sql"]]
    assert rendition_queries == []
