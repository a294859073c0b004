"""Publishing one story or event purges the pages that show it and nothing else: its own
pages, its indexes, its campaign, the home page, its feeds. Unrelated pages stay cached.
A front-end cache (Wagtail's HTTP backend, as for Varnish) is sent the same URLs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from celery import current_app
from django.core.cache import cache
from django.urls import reverse

from campaign import pagecache
from events.models import CampaignPage, EventIndexPage, EventPage
from home.models import StoryIndexPage, StoryPage
from home.services import page_urls

HEADER = "X-Tapestry-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)[HEADER] == "hit", path


def states(client, *paths):
    return {path: client.get(path).get(HEADER) for path in paths}


def an_event_apart_from(event):
    """A live event in no campaign and no place of ``event``'s (its page shows neither)."""
    others = EventPage.objects.live().exclude(pk=event.pk).exclude(campaign_id=event.campaign_id)
    return others.exclude(path__startswith=event.get_parent().path).first() or (
        EventPage.objects.live().exclude(pk=event.pk).first()
    )


def test_publishing_a_story_purges_its_pages_and_keeps_an_unrelated_event(
    client, demo, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.live().first().specific
    index = StoryIndexPage.objects.live().first()
    event = EventPage.objects.live().first()
    shown = [story.url, index.url, "/", "/feeds/stories/rss/", CampaignPage.objects.first().url]
    apart = [event.url, demo["occurrence"], demo["month"]]
    warm(client, *shown, *apart)

    story.title = "A brand new headline"
    publish(story, django_capture_on_commit_callbacks)

    assert states(client, *shown) == dict.fromkeys(shown, "miss")
    assert states(client, *apart) == dict.fromkeys(apart, "hit")
    assert "A brand new headline" in client.get(index.url).content.decode()


def test_publishing_an_event_purges_the_partner_pages_that_list_it(
    client, demo, django_capture_on_commit_callbacks
):
    event = EventPage.objects.live().filter(organiser__isnull=False).first().specific
    slug = event.organiser.slug
    shown = [reverse("events:partners"), reverse("events:partner", args=[slug])]
    warm(client, *shown)

    event.title = "A renamed partner meeting"
    publish(event, django_capture_on_commit_callbacks)

    assert states(client, *shown) == dict.fromkeys(shown, "miss")
    assert "A renamed partner meeting" in client.get(shown[1]).content.decode()


def test_control_without_the_url_rule_everything_is_purged(
    client, demo, monkeypatch, django_capture_on_commit_callbacks
):
    # The same publish with no rule (how it was before): the unrelated event misses too,
    # so the test above can tell a precise purge from a whole one.
    monkeypatch.setattr(pagecache, "_affected_urls", None)
    story = StoryPage.objects.live().first().specific
    event = EventPage.objects.live().first()
    warm(client, event.url)
    publish(story, django_capture_on_commit_callbacks)
    assert client.get(event.url)[HEADER] == "miss"


def test_publishing_an_event_purges_its_pages_listings_and_feeds_only(
    client, demo, django_capture_on_commit_callbacks
):
    event = EventPage.objects.live().exclude(rrule="").first().specific  # demo["event"]
    index = EventIndexPage.objects.live().first()
    other = an_event_apart_from(event)
    story = StoryPage.objects.live().first()
    shown = [
        event.url,
        demo["occurrence"],
        index.url,
        index.url + "?kind=" + event.kind.slug,
        demo["month"],
        index.url + "month/2026/12/",
        "/",
        demo["volunteer"],
        demo["embed-events"],
    ]
    if event.campaign_id:
        shown.append(CampaignPage.objects.get(pk=event.campaign_id).url)
    apart = [other.url, story.url]
    warm(client, *shown, *apart)

    event.title = "A renamed gathering"
    publish(event, django_capture_on_commit_callbacks)

    assert states(client, *shown) == dict.fromkeys(shown, "miss")
    assert states(client, *apart) == dict.fromkeys(apart, "hit")
    assert "A renamed gathering" in client.get(index.url).content.decode()


def test_the_url_list_names_the_feeds_that_include_the_event(demo):
    event = EventPage.objects.live().exclude(campaign=None).first().specific
    campaign = CampaignPage.objects.get(pk=event.campaign_id)
    paths = {urlsplit(target.url).path for target in page_urls.affected_urls(event)}
    assert {
        "/calendar.ics",
        f"/calendar/campaigns/{campaign.slug}.ics",
        f"/calendar/kinds/{event.kind.slug}.ics",
        f"/calendar/events/{event.pk}.ics",
        campaign.url,
        "/",
    } <= paths
    assert StoryPage.objects.live().first().url not in paths


def test_site_wide_settings_still_purge_everything(
    client, demo, django_capture_on_commit_callbacks
):
    # The footer, tagline and banner show on every page: their rule is "everything".
    from home.models import SiteSettings

    settings_row = SiteSettings.objects.first() or SiteSettings.for_site(
        CampaignPage.objects.first().get_site()
    )
    story = StoryPage.objects.live().first()
    assert page_urls.instance_urls(settings_row) is None
    warm(client, story.url)
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert client.get(story.url)[HEADER] == "miss"


def test_moving_an_event_purges_its_old_address_and_old_parent(
    client, demo, django_capture_on_commit_callbacks
):
    event = EventPage.objects.live().exclude(rrule="").first().specific
    old_url, old_parent = event.url, event.get_parent().specific
    new_parent = (
        EventIndexPage.objects.live().exclude(pk=old_parent.pk).first()
        or CampaignPage.objects.live().exclude(pk=old_parent.pk).first()
    )
    warm(client, old_url, old_parent.url)
    with django_capture_on_commit_callbacks(execute=True):
        event.move(new_parent, pos="last-child")
    # Wagtail's redirect to the new address, not the page still cached at the old one.
    assert client.get(old_url).status_code == 301
    assert client.get(old_parent.url)[HEADER] == "miss"


def test_a_changed_slug_purges_the_old_address(client, demo, django_capture_on_commit_callbacks):
    story = StoryPage.objects.live().first().specific
    old_url = story.url
    warm(client, old_url)
    story.slug = story.slug + "-renamed"
    publish(story, django_capture_on_commit_callbacks)
    assert client.get(old_url).status_code == 301


def test_purging_a_tree_drops_every_page_under_it_and_only_those():
    for path in ("/a/", "/a/b/", "/a/b/c/?x=1", "/ab/"):
        cache.set(path, pagecache._scopes(urlsplit(path).path))

    def generation(path):
        return pagecache.current_generation({}, pagecache._scopes(urlsplit(path).path))

    before = {path: generation(path) for path in ("/a/", "/a/b/", "/a/b/c/", "/ab/")}
    pagecache.purge([pagecache.Target("http://testserver/a/b/", tree=True)])
    after = {path: generation(path) for path in before}
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {"/a/b/", "/a/b/c/"}


class PurgeRecorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def eager_tasks():
    """Queued tasks run at once in this process (a real worker: test_frontend_purge.py)."""
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


@pytest.fixture
def purge_endpoint(settings, eager_tasks):
    """A loopback server standing in for Varnish: records the PURGE requests it gets."""
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    # A short poll: shutdown() below waits for the next one (0.5 s by default).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_the_front_end_cache_is_sent_exactly_the_same_urls(
    demo, purge_endpoint, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.live().first().specific
    # Each address, and the same under the Spanish prefix (the story shows there too,
    # marked untranslated, until it has a translation).
    targets = pagecache.in_every_language(page_urls.affected_urls(story))
    expected = {(urlsplit(t.url).netloc, urlsplit(t.url).path) for t in targets}
    publish(story, django_capture_on_commit_callbacks)
    assert sorted(purge_endpoint) == sorted(expected)  # each once
    assert any(path == story.url for _, path in purge_endpoint)
    assert any(path == "/es" + story.url for _, path in purge_endpoint)
    assert not any(p == EventPage.objects.live().first().url for _, p in purge_endpoint)


def test_the_front_end_cache_is_off_by_default(demo, django_capture_on_commit_callbacks):
    PurgeRecorder.received = []
    story = StoryPage.objects.live().first().specific
    calls = []
    original = pagecache.purge_frontend
    pagecache.purge_frontend = calls.append
    try:
        publish(story, django_capture_on_commit_callbacks)
    finally:
        pagecache.purge_frontend = original
    assert calls == []
