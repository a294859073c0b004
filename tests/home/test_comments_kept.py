"""A story's comment list is kept rendered under a digest of what it shows: each change a
moderator makes shows on the very next request (the page cache is off in the tests), and
the kept piece is the same for every reader."""

import pytest
from django.core.cache import cache
from django.utils import translation

from events.core.services import fragments
from home.models import Comment
from home.services import comment_pages
from tests.home import shared_story
from tests.home.conftest import add_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows


@pytest.fixture
def thread(story):
    for number in range(3):
        Comment.objects.create(
            page=story, name=f"Reader {number}", body=f"Words {number}",
            status=Comment.Status.APPROVED,
        )  # fmt: skip
    return story


def edit(comment_filter, **changes):
    """A moderator edits a comment in the admin (a save: the comments stamp is replaced;
    moderating, a bulk update, replaces it too)."""
    comment = Comment.objects.get(**comment_filter)
    for field, value in changes.items():
        setattr(comment, field, value)
    comment.save()


def page(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_edited_comment_shows_its_new_words(client, thread):
    assert "Words 1" in page(client, thread)
    edit({"body": "Words 1"}, body="Kinder words")
    html = page(client, thread)
    assert "Kinder words" in html and "Words 1" not in html


def test_a_renamed_commenter_shows_the_new_name(client, thread):
    assert "Reader 2" in page(client, thread)
    edit({"name": "Reader 2"}, name="Anonymous")
    html = page(client, thread)
    assert "Anonymous" in html and "Reader 2" not in html


def test_a_moved_date_shows(client, thread):
    from datetime import UTC, datetime

    page(client, thread)
    edit({"name": "Reader 0"}, created_at=datetime(2020, 2, 3, 12, tzinfo=UTC))
    assert "3 February 2020" in page(client, thread)


def test_approving_and_rejecting_show_at_once(client, thread):
    waiting = Comment.objects.create(page=thread, name="Late", body="Pending words")
    assert "Pending words" not in page(client, thread)
    waiting.status = Comment.Status.APPROVED
    waiting.save()
    assert "Pending words" in page(client, thread)
    waiting.status = Comment.Status.REJECTED
    waiting.save()
    assert "Pending words" not in page(client, thread)


def test_each_story_keeps_its_own_list(client, index, thread):
    other = add_story(index, "Another story")
    Comment.objects.create(
        page=other, name="Elsewhere", body="Other words", status=Comment.Status.APPROVED
    )
    assert "Words 0" in page(client, thread)
    html = page(client, other)
    assert "Other words" in html and "Words 0" not in html


def test_the_kept_list_holds_nothing_per_reader(client, thread):
    """The form (and its CSRF token) and the "thank you" notice stay outside the piece."""
    shown = comment_pages.comment_page(thread.pk, None)
    page(client, thread)
    key = fragments.key_for("comments", shown.kept_values())
    kept = cache.get(key)
    assert kept and "Words 0" in kept
    for private in ("csrfmiddlewaretoken", "<form", "notice", "Leave a thought"):
        assert private not in kept


def test_keys_differ_by_language_and_time_zone():
    from django.utils import timezone

    english = fragments.key_for("x", [1])
    with translation.override("es"):
        assert fragments.key_for("x", [1]) != english
    with timezone.override("America/New_York"):
        assert fragments.key_for("x", [1]) != english
    assert fragments.key_for("x", [2]) != english
    assert fragments.key_for("y", [1]) != english


def test_the_blank_comment_form_is_drawn_once_per_language(client, index, thread, monkeypatch):
    """It carries no token and no reader's words, so one drawing serves every reader of
    every story in a language; a form sent back with its errors is its sender's own."""
    from tests.support.kept_fragments import watch_renders

    cache.clear()
    drawn = watch_renders(monkeypatch, "components/form_fields.html", lambda context: 1)
    other = add_story(index, "Walking together")
    first = page(client, thread)
    page(client, other)
    assert len(drawn) == 1
    assert 'name="body"' in first and 'name="website"' in first
    assert "Your comment" in first

    spanish = client.get(f"/es{thread.url}").content.decode()
    assert len(drawn) == 2 and 'name="body"' in spanish

    response = client.post(
        f"/comments/{thread.pk}/", {"name": "Sam", "body": "x", "website": ""}, follow=True
    )
    sent_back = response.content.decode()
    assert 'value="Sam"' in sent_back and "at least 2 characters" in sent_back
    assert 'value="Sam"' not in page(client, thread)
