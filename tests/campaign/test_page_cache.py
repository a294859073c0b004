"""Anonymous readers get whole pages from the cache; publishing shows at once; nothing
personal (signed-in pages, forms, booking links) is ever stored."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from campaign import pagecache
from events.models import EventPage, Shift, Venue
from home.models import Comment, StoryIndexPage, StoryPage
from home.services import comment_pages
from home.services import comments as comment_service

HEADER = "X-Tapestry-Cache"
CACHED_KINDS = ("home", "story-index", "campaign", "events-list", "month", "event",
                "occurrence", "subscribe")  # fmt: skip


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def stored(path):
    request = RequestFactory().get(path)
    return cache.get(pagecache.page_key(request)) is not None


def publish(page, django_capture_on_commit_callbacks):
    # The purge runs when the publishing transaction commits, as in production.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_second_anonymous_request_is_served_from_cache_without_queries(
    client, demo, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second[HEADER] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize("kind", CACHED_KINDS)
def test_every_public_page_kind_is_cached_with_its_security_headers(client, demo, kind):
    first = client.get(demo[kind])
    second = client.get(demo[kind])
    assert (first[HEADER], second[HEADER]) == ("miss", "hit"), kind
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert second[name] == first[name], name
    assert "unsafe-inline" not in second["Content-Security-Policy"]


def test_head_is_answered_from_the_cached_get(client, demo):
    body = client.get("/").content
    head = client.head("/")
    assert head[HEADER] == "hit"
    assert head.content == b""
    assert int(head["Content-Length"]) == len(body)


def test_publishing_a_change_shows_at_once(client, demo, django_capture_on_commit_callbacks):
    index = StoryIndexPage.objects.live().first()
    client.get(index.url)
    assert client.get(index.url)[HEADER] == "hit"
    story = StoryPage.objects.live().first().specific
    story.title = "A brand new headline"
    publish(story, django_capture_on_commit_callbacks)
    response = client.get(index.url)
    assert response[HEADER] == "miss"
    assert "A brand new headline" in response.content.decode()


def test_unpublishing_removes_the_page_at_once(client, demo, django_capture_on_commit_callbacks):
    event = EventPage.objects.live().exclude(rrule="").first()  # demo["event"]
    path = event.url
    client.get(path)
    assert client.get(path)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    assert client.get(path).status_code == 404


def test_a_changed_venue_shows_at_once(client, demo, django_capture_on_commit_callbacks):
    event = EventPage.objects.live().exclude(venue=None).select_related("venue").first()
    client.get(event.url)
    assert client.get(event.url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        venue = Venue.objects.get(pk=event.venue_id)
        venue.name = "The Renamed Community Hall"
        venue.save()
    assert "The Renamed Community Hall" in client.get(event.url).content.decode()


def test_moderating_comments_purges_but_a_new_comment_does_not(
    demo, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.live().first()
    # The story page's generations (precise rules: tests/campaign/test_purge_rules.py).
    scopes = pagecache._scopes(story.url)
    generation = pagecache.current_generation({}, scopes)
    with django_capture_on_commit_callbacks(execute=True):
        comment = Comment.objects.create(page=story, name="Ash", body="Thank you.")
    assert pagecache.current_generation({}, scopes) == generation
    with django_capture_on_commit_callbacks(execute=True):
        comment_service.moderate([comment], Comment.Status.APPROVED)
    assert pagecache.current_generation({}, scopes) != generation


def test_signed_in_readers_are_never_served_or_stored(client, staff_client, demo):
    for path in ("/", demo["events-list"]):
        staff_client.get(path)
        response = staff_client.get(path)
        assert HEADER not in response, path
        assert not stored(path), path


def test_a_cached_page_is_not_served_to_a_signed_in_editor(client, demo):
    client.get("/")
    assert client.get("/")[HEADER] == "hit"
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "y" * 20)
    client.force_login(user)
    assert HEADER not in client.get("/")


def test_a_request_with_a_csrf_cookie_bypasses_the_cache(client, demo):
    client.get("/")
    client.cookies["csrftoken"] = "x" * 32
    assert HEADER not in client.get("/")


def test_form_pages_are_never_cached(client, demo):
    shift = Shift.objects.select_related("event").first()
    signup = shift.event.url + shift.event.reverse_subpage(
        "shift_signup", kwargs={"shift_id": shift.pk}
    )
    for path in (demo["share-story"], demo["resend-links"], signup):
        client.cookies.clear()
        client.get(path)
        client.cookies.clear()
        response = client.get(path)
        assert response.status_code == 200, path
        assert HEADER not in response, path
        assert "no-store" in response["Cache-Control"], path
        assert not stored(path), path


def test_a_story_with_its_comment_form_is_cached_and_a_new_approval_shows(
    client, demo, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.live().filter(allow_comments=True).first()
    client.get(story.url)
    assert client.get(story.url)[HEADER] == "hit"
    comment = Comment.objects.create(page=story, name="Ash", body="Thank you for this.")

    with django_capture_on_commit_callbacks(execute=True):
        comment_service.moderate([comment], Comment.Status.APPROVED)

    fresh = client.get(story.url)
    assert fresh[HEADER] == "miss" and "Thank you for this." in fresh.content.decode()


def test_each_page_of_comments_is_stored_apart_and_a_new_approval_drops_them_all(
    client, demo, django_capture_on_commit_callbacks
):
    """?comments=2 is its own page in the cache (never page 1's copy), and approving a
    comment purges every page of the story's comments, since they all shift by one."""
    story = StoryPage.objects.live().filter(allow_comments=True).first()
    Comment.objects.bulk_create(
        Comment(page=story, name=f"Reader {n}", body=f"Words {n}.", status="approved")
        for n in range(comment_pages.PER_PAGE + 5)
    )
    first, second = story.url, story.url + "?comments=2"
    pages = {url: client.get(url) for url in (first, second)}
    assert [pages[url][HEADER] for url in (first, second)] == ["miss", "miss"]
    assert pages[first].content != pages[second].content
    for url in (first, second):
        again = client.get(url)
        assert again[HEADER] == "hit" and again.content == pages[url].content, url
    assert "Page 2 of 2" in client.get(second).content.decode()

    comment = Comment.objects.create(page=story, name="Ash", body="Thank you for this.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_service.moderate([comment], Comment.Status.APPROVED)

    fresh = {url: client.get(url) for url in (first, second)}
    assert [fresh[url][HEADER] for url in (first, second)] == ["miss", "miss"]
    assert "Thank you for this." in fresh[first].content.decode()
    assert fresh[second].content != pages[second].content  # its oldest moved to page 2


def test_private_booking_pages_are_never_stored(client, demo):
    for name in ("manage", "confirm"):
        client.cookies.clear()
        client.get(demo[name])
        client.cookies.clear()
        assert HEADER not in client.get(demo[name]), name
        assert not stored(demo[name]), name


def test_admin_health_and_feeds_are_never_stored(client, demo):
    for path in ("/admin/login/", reverse("events:healthz"), reverse("events:feed")):
        client.cookies.clear()
        client.get(path)
        assert not stored(path), path


def test_a_broken_cache_serves_pages_uncached(client, demo, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache, "lookup", broken)
    response = client.get("/")
    assert response.status_code == 200
    assert HEADER not in response


def test_turned_off_it_stores_nothing(client, demo, settings):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert HEADER not in client.get("/")
    assert not stored("/")
