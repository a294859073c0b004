"""With neither the page cache nor a front-end cache on, a publish lists no URLs to purge.

Working out which pages show a published page walks its indexes, campaign and feeds; with
nothing keeping pages that list is read by no one. The purge is then the whole one (a
single write of the site's generation), which also covers pages kept before the cache was
turned off, should it be turned on again while they live.
"""

import pytest

from campaign import pagecache
from tests.events import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(monkeypatch):
    """Calls to the apps' "which URLs show this page / row" functions."""
    calls = []
    for name in ("_affected_urls", "_instance_urls"):
        original = getattr(pagecache, name)
        assert original is not None  # home's ready() connected them

        def spy(*args, _original=original, **kwargs):
            calls.append(args)
            return _original(*args, **kwargs)

        monkeypatch.setattr(pagecache, name, spy)
    return calls


def generation():
    return pagecache.store().get(pagecache.GENERATION_KEY)


def test_with_nothing_keeping_pages_a_publish_lists_no_urls(
    settings, listed, django_capture_on_commit_callbacks
):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 0
    settings.WAGTAILFRONTENDCACHE = {}
    index = factories.site_with_index()
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        factories.event(index, title="Quiet walk", slug="quiet-walk")
        factories.venue(name="Another hall")
    assert listed == []
    assert generation() != before  # the whole purge


def test_with_the_page_cache_on_a_publish_lists_its_urls(
    settings, listed, django_capture_on_commit_callbacks
):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 60
    index = factories.site_with_index()
    with django_capture_on_commit_callbacks(execute=True):
        factories.event(index, title="Quiet walk", slug="quiet-walk")
    assert listed


def test_with_a_front_end_cache_a_publish_lists_its_urls(
    settings, listed, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 0
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "campaign.frontend_cache.TimedHTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    sent = []
    monkeypatch.setattr(pagecache, "purge_frontend", sent.append)
    index = factories.site_with_index()
    with django_capture_on_commit_callbacks(execute=True):
        factories.event(index, title="Quiet walk", slug="quiet-walk")
    assert listed and sent and all(targets is not None for targets in sent)
