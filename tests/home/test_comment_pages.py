"""A story shows its approved comments a page at a time: the newest page first, each page
in reading order (oldest at the top), only that page's rows read, the total counted."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from home import demo
from home.models import Comment
from home.services import comment_pages
from tests.home.conftest import hopeful_story, peer_author, peer_category, quiet, story_index
from tests.support.demo_once import fresh, module_rows

PER_PAGE = comment_pages.PER_PAGE
START = datetime(2026, 3, 1, 9, tzinfo=UTC)


def add_comments(story, count, *, status=Comment.Status.APPROVED, first=0, prefix="Reader"):
    Comment.objects.bulk_create(
        Comment(
            page=story,
            name=f"{prefix} {first + n:02d}",
            body=f"Words of {prefix.lower()} {first + n}",
            status=status,
            created_at=START + timedelta(minutes=first + n),
        )
        for n in range(count)
    )


def _build_story():
    index = story_index(demo.load_home_page(log=quiet))
    return hopeful_story(index, peer_author(), peer_category())


# The published story (tests/home/conftest.py), built once for the module: each test reads
# its own copy and its writes (the comments above all) are undone.
story_rows = module_rows(_build_story)


@pytest.fixture
def story(story_rows, db):
    return fresh(story_rows)


@pytest.fixture
def thread(story):
    add_comments(story, 45)
    return story


def html_of(client, story, query=""):
    response = client.get(story.url + query)
    assert response.status_code == 200, query
    return response.content.decode()


def shown(html):
    """The numbers of the readers whose comments the page shows, in page order."""
    return [int(n) for n in re.findall(r"<strong>Reader (\d+)</strong>", html)]


def test_the_first_page_shows_the_newest_comments_in_reading_order(client, thread):
    assert PER_PAGE == 20
    html = html_of(client, thread)
    assert shown(html) == list(range(25, 45))
    assert "45 thoughts on “Finding my people”" in html
    assert '<a href="#comments">45 thoughts</a>' in html


def test_older_pages_hold_the_rest(client, thread):
    assert shown(html_of(client, thread, "?comments=2")) == list(range(5, 25))
    assert shown(html_of(client, thread, "?comments=3")) == list(range(0, 5))
    assert "45 thoughts on" in html_of(client, thread, "?comments=3")


def test_pending_rejected_and_spam_are_never_shown_or_counted(client, thread):
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        add_comments(thread, 3, status=status, first=100, prefix=f"Hidden {status}")
    first, last = html_of(client, thread), html_of(client, thread, "?comments=3")
    assert shown(first) == list(range(25, 45)) and shown(last) == list(range(0, 5))
    assert "Hidden" not in first + last
    assert "45 thoughts on" in first


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", 1),
        ("", 1),
        ("0", 1),
        ("-2", 1),
        ("2.5", 1),
        ("1e3", 1),
        ("²", 1),
        ("999", 3),
        ("9" * 60, 3),
        ("3", 3),
    ],
)
def test_bad_or_out_of_range_page_values_show_a_sensible_page(client, thread, value, expected):
    html = html_of(client, thread, f"?comments={value}")
    assert shown(html) == shown(html_of(client, thread, f"?comments={expected}"))
    assert f"Page {expected} of 3" in html


def test_the_navigation_is_labelled_and_marks_the_current_page(client, thread):
    first = html_of(client, thread)
    labelled = r'<nav class="pagination" aria-label="Pages of comments">.*?</nav>'
    nav = re.search(labelled, first, re.S)
    assert nav, "no labelled navigation"
    assert '<li aria-current="page">Page 1 of 3</li>' in nav.group()
    assert 'href="?comments=2#comments" rel="next">Older comments</a>' in nav.group()
    assert "Newer comments" not in nav.group()

    middle = html_of(client, thread, "?comments=2")
    assert f'href="{thread.url}#comments" rel="prev">Newer comments</a>' in middle
    assert 'href="?comments=3#comments" rel="next">Older comments</a>' in middle
    assert '<li aria-current="page">Page 2 of 3</li>' in middle

    last = html_of(client, thread, "?comments=3")
    assert 'href="?comments=2#comments" rel="prev">Newer comments</a>' in last
    assert "Older comments" not in last


def test_a_short_thread_has_no_navigation(client, story):
    add_comments(story, PER_PAGE)
    html = html_of(client, story)
    assert shown(html) == list(range(PER_PAGE))
    assert "Pages of comments" not in html


def test_the_form_and_notice_stay_on_every_page(client, thread):
    html = html_of(client, thread, "?comments=2&comment=received")
    assert '<form class="comment-form"' in html
    assert "will appear here once a moderator has read it" in html
    assert shown(html) == list(range(5, 25))


def test_a_newly_approved_comment_shows_on_the_first_page_at_once(client, thread):
    assert shown(html_of(client, thread)) == list(range(25, 45))  # the kept list is warm
    waiting = Comment.objects.create(page=thread, name="Reader 99", body="Late but kind")
    assert shown(html_of(client, thread)) == list(range(25, 45))
    waiting.status = Comment.Status.APPROVED
    waiting.save()
    html = html_of(client, thread)
    assert shown(html) == [*range(26, 45), 99]
    assert "46 thoughts on" in html
    assert shown(html_of(client, thread, "?comments=2")) == list(range(6, 26))


def test_a_removed_comment_leaves_the_page_at_once(client, thread):
    assert 30 in shown(html_of(client, thread))
    Comment.objects.filter(name="Reader 30").delete()
    html = html_of(client, thread)
    assert shown(html) == [n for n in range(24, 45) if n != 30]
    assert "44 thoughts on" in html


def reading(client, url):
    """(queries, comment rows loaded) for one request."""
    rows = []

    def counted(sender, instance, **kwargs):
        rows.append(instance.pk)

    post_init.connect(counted, sender=Comment)
    try:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(counted, sender=Comment)
    return len(queries.captured_queries), len(rows)


def test_the_story_page_reads_no_more_for_five_hundred_comments_than_for_ten(client, story):
    add_comments(story, 10)
    client.get(story.url)  # first-view work (renditions, the kept list) out of the count
    small_queries, small_rows = reading(client, story.url)
    add_comments(story, 490, first=10)
    client.get(story.url)
    large_queries, large_rows = reading(client, story.url)
    assert large_queries <= small_queries
    assert small_rows <= 10 and large_rows <= PER_PAGE
    client.get(story.url + "?comments=20")
    assert reading(client, story.url + "?comments=20") == (large_queries, large_rows)


def test_the_page_of_comments_service_reads_only_the_rows_it_shows(thread):
    with CaptureQueriesContext(connection) as queries:
        page = comment_pages.comment_page(thread.pk, "2")
    assert len(queries.captured_queries) == 2  # the count and one page of rows
    assert (page.number, page.count, page.num_pages) == (2, 45, 3)
    assert [c.name for c in page.comments] == [f"Reader {n:02d}" for n in range(5, 25)]
    assert all(f"LIMIT {PER_PAGE}" in q["sql"] for q in queries.captured_queries[1:])


def test_a_story_without_comments_reads_no_rows(story):
    with CaptureQueriesContext(connection) as queries:
        page = comment_pages.comment_page(story.pk, None)
    assert len(queries.captured_queries) == 1
    assert (page.comments, page.count, page.number, page.num_pages) == ([], 0, 1, 1)


def test_the_navigation_speaks_spanish_and_stays_under_its_prefix(client, thread):
    html = client.get("/es" + thread.url + "?comments=2").content.decode()
    assert 'aria-label="Páginas de comentarios"' in html
    assert f'href="/es{thread.url}#comments" rel="prev">Comentarios más recientes</a>' in html
    assert 'href="?comments=3#comments" rel="next">Comentarios anteriores</a>' in html
    assert '<li aria-current="page">Página 2 de 3</li>' in html
