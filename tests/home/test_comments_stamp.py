"""Approved comments, and the counts story lists show, are kept in each process under the
comments stamp (events.core.services.editorial_stamp): a warm view of a story, the story
index or the home page asks the database nothing about comments, and moderating (a bulk
update), editing or deleting a comment shows on the very next view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import Comment
from home.services import comments
from tests.home import shared_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def comment_queries(client, url):
    html(client, url)
    with CaptureQueriesContext(connection) as queries:
        html(client, url)
    return [query["sql"] for query in queries if "home_comment" in query["sql"]]


@pytest.fixture
def urls(home, index, story):
    return {"story": story.url, "index": index.url, "home": home.url}


@pytest.mark.parametrize("name", ["story", "index", "home"])
def test_a_warm_view_asks_nothing_about_comments(client, urls, name):
    assert comment_queries(client, urls[name]) == []


@pytest.mark.parametrize("name", ["story", "index", "home"])
def test_a_moderated_comment_shows_on_the_next_view(client, urls, story, name):
    waiting = Comment.objects.create(page=story, name="Sam", body="Thank you for this")
    before = html(client, urls[name])
    assert "1 thought" not in before and "Thank you for this" not in before

    comments.moderate([waiting], Comment.Status.APPROVED)
    after = html(client, urls[name])
    assert "1 thought" in after
    if name == "story":
        assert "Thank you for this" in after

    comments.moderate([waiting], Comment.Status.REJECTED)
    assert "1 thought" not in html(client, urls[name])


def test_a_deleted_comment_leaves_at_once(client, urls, story):
    shown = Comment.objects.create(
        page=story, name="Sam", body="Thank you for this", status=Comment.Status.APPROVED
    )
    assert "Thank you for this" in html(client, urls["story"])
    shown.delete()
    assert "Thank you for this" not in html(client, urls["story"])
