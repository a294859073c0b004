"""Fuzzing the readers' side of the stories: the comment and share-your-story forms and the
story list's query string. No input may cause a server error, and markup a reader sends
never comes back as markup, not even after a moderator approves it."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from home.models import Comment
from tests.support.fuzz import (
    PROBES,
    VALUE,
    assert_no_markup_echoed,
    fuzz_settings,
    query,
)

pytestmark = pytest.mark.slow

# Text a valid form would take: long enough, few links, often with a probe inside.
BODY = st.builds(
    lambda before, probe, after: f"{before} {probe} {after}",
    st.text(max_size=40),
    st.sampled_from(PROBES),
    st.text(max_size=40),
).filter(lambda text: "\x00" not in text)


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    # Fuzzing posts hundreds of times from one address; the limits are tested elsewhere.
    settings.TAPESTRY_COMMENT_RATE_LIMIT = (10**9, 60)
    settings.TAPESTRY_STORY_RATE_LIMIT = (10**9, 60)


def test_the_comment_form_survives_any_input(client, story):
    calls = []
    url = f"/comments/{story.pk}/"

    @fuzz_settings(300)
    @given(
        data=st.one_of(
            query(["name", "body", "email", "website"]),
            st.fixed_dictionaries(
                {"name": st.one_of(VALUE, BODY), "body": st.one_of(VALUE, BODY), "email": VALUE}
            ),
        )
    )
    def run(data):
        calls.append(data)
        response = client.post(url, data)
        assert response.status_code < 500, data
        assert_no_markup_echoed(response.content.decode(), "when the form came back")

    run()
    assert len(calls) >= 300


def test_approved_comments_with_markup_are_shown_as_text(client, story):
    calls = []
    url = f"/comments/{story.pk}/"

    @fuzz_settings(60)
    @given(name=BODY.map(lambda text: text[:80]), body=BODY)
    def run(name, body):
        calls.append(body)
        Comment.objects.all().delete()
        client.post(url, {"name": name, "body": body, "email": ""})
        Comment.objects.update(status=Comment.Status.APPROVED)
        html = client.get(story.url).content.decode()
        assert_no_markup_echoed(html, "in an approved comment")

    run()
    assert len(calls) >= 60
    # The probes really were published (as text), so the check above meant something.
    client.post(url, {"name": "Sam", "body": "Look: <b>probe-bold</b> here", "email": ""})
    Comment.objects.update(status=Comment.Status.APPROVED)
    assert "&lt;b&gt;probe-bold&lt;/b&gt;" in client.get(story.url).content.decode()


def test_the_share_your_story_form_survives_any_input(client, index):
    calls = []
    keys = ["title", "text", "name", "anonymous", "consent", "website"]
    long_body = st.builds(lambda text, pad: text + " " + "w" * pad, BODY, st.integers(190, 400))

    @fuzz_settings(150)
    @given(
        data=st.one_of(
            query(keys),
            st.fixed_dictionaries(
                {
                    "title": st.one_of(VALUE, BODY),
                    "text": st.one_of(VALUE, long_body),
                    "name": st.one_of(VALUE, BODY),
                    "consent": st.sampled_from(["on", "", "x"]),
                }
            ),
        )
    )
    def run(data):
        calls.append(data)
        response = client.post("/share-your-story/", data)
        assert response.status_code < 500, data
        assert_no_markup_echoed(response.content.decode(), "when the story form came back")

    run()
    assert len(calls) >= 150


def test_the_story_list_survives_any_query(client, story, article):
    calls = []
    index = story.get_parent()

    @fuzz_settings(120)
    @given(params=query(["category", "tag", "q", "page"]))
    # Found by this test: PostgreSQL refuses NUL in a text comparison.
    @example(params={"category": "a\x00b", "tag": "\x00", "q": "x\x00"})
    # Found by this test on SQLite: its search backend put punctuation into FTS5 syntax.
    @example(params={"q": "<b>probe-bold</b>"})
    @example(params={"q": '"'})
    def run(params):
        calls.append(params)
        response = client.get(index.url, params)
        assert response.status_code < 500, params
        assert_no_markup_echoed(response.content.decode(), "on the story list")

    run()
    assert len(calls) >= 120


def test_story_pages_and_feeds_survive_any_query(client, story, category):
    calls = []
    paths = [story.url, "/feeds/stories/rss/", f"/feeds/stories/{category.slug}/atom/"]

    @fuzz_settings(150)
    @given(path=st.sampled_from(paths), params=query(["comment", "view", "page"]))
    def run(path, params):
        calls.append(params)
        response = client.get(path, params)
        assert response.status_code < 500, (path, params)
        assert_no_markup_echoed(response.content.decode(), f"on {path}")

    run()
    assert len(calls) >= 150
