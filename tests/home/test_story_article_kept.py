"""A story's article and head (title, byline, picture, body, author card, categories, tags,
canonical address, structured data) are kept rendered under the editorial stamp, per
address, print view and number of approved comments. What an editor or a moderator
changes shows on the very next request (the page cache is off in the tests); the share
links and the comments stay live."""

import pytest

from events.core.services import fragments
from home.models import Comment
from tests.home import shared_story
from tests.home.conftest import add_story
from tests.support.kept_fragments import watch_calls

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
author, category, index, story, story_rows = (
    shared_story.author,
    shared_story.category,
    shared_story.index,
    shared_story.story,
    shared_story.story_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(monkeypatch):
    return watch_calls(monkeypatch, fragments, "render_parts")


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_draws_the_article_once(client, story, drawn, django_assert_max_num_queries):
    first = page_html(client, story.url)
    # The page's row, the comment count and the page of comments: nothing else.
    with django_assert_max_num_queries(3):
        second = page_html(client, story.url)

    assert "Sam Rivers" in first and "Peer support" in first and "hope" in first
    assert "application/ld+json" in first
    assert first == second
    assert len(drawn) == 1  # both parts, drawn together


def test_an_approved_comment_changes_the_count_on_the_next_request(client, story):
    assert "No thoughts yet" in page_html(client, story.url)

    Comment.objects.create(
        page=story, name="Reader", body="Thank you", status=Comment.Status.APPROVED
    )

    html = page_html(client, story.url)
    assert "1 thought" in html and "No thoughts yet" not in html


def test_a_publish_shows_on_the_next_request(client, story):
    page_html(client, story.url)

    draft = story.get_latest_revision_as_object()
    draft.intro = "A new opening line."
    draft.save_revision().publish()

    assert "A new opening line." in page_html(client, story.url)


def test_an_edited_author_shows_on_the_next_request(client, story, author):
    """Control: without the author among the senders that renew the stamp (home/apps.py),
    the old credential stays (checked)."""
    assert "Peer supporter" in page_html(client, story.url)

    author.credential = "Volunteer listener"
    author.save()

    html = page_html(client, story.url)
    assert "Volunteer listener" in html and "Peer supporter" not in html


def test_the_print_view_is_its_own(client, story, drawn):
    plain = page_html(client, story.url)
    printed = page_html(client, story.url + "?view=print")

    assert "print version" not in plain
    assert "print version" in printed
    assert len(drawn) == 2


def test_a_preview_shows_the_draft_not_what_is_kept(client, index):
    story = add_story(index, "Published title", intro="Published opening.")
    page_html(client, story.url)

    draft = story.get_latest_revision_as_object()
    draft.intro = "Draft opening."
    response = draft.make_preview_request()

    assert "Draft opening." in response.content.decode()
    assert "Published opening." in page_html(client, story.url)
