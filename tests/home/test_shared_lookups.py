"""What every page reads once per request (view restrictions, the route, the menu) and a
story's share meta kept between requests: cheaper, and never stale where it matters.

The page cache is off in the test settings, so each request renders afresh. The read-once
rules themselves (outside a request, across threads) are in
tests/events/core/test_restrictions_once.py.
"""

from datetime import timedelta

import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.core.services import fragments
from home.services import share_meta
from tests.events.core.test_shared_cache_trips import STAMPS
from tests.events.core.test_shared_cache_trips import shared_reads as shared_reads
from tests.events.factories import republish
from tests.home import shared_story
from tests.home.conftest import add_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows


def restrict(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Volunteers only"))
    return restriction


def test_a_restriction_added_between_requests_applies_to_the_next(client, index, story):
    assert client.get(story.url).status_code == 200
    assert story.title in client.get(index.url).content.decode()
    restrict(story)
    assert client.get(story.url).status_code == 302  # to the login page
    assert story.title not in client.get(index.url).content.decode()
    assert story.title not in client.get("/").content.decode()


def test_a_restricted_section_leaves_the_menu_and_its_pages(client, home, index, story):
    index.show_in_menus = True
    index.save_revision().publish()
    assert f'href="{index.url}"' in client.get("/").content.decode()
    restrict(index)
    page = client.get("/").content.decode()
    assert f'href="{index.url}"' not in page
    assert client.get(story.url).status_code == 302


def test_routing_serves_nested_pages_and_404s_like_wagtail(client, index, story):
    assert client.get(story.url).context["page"].pk == story.pk
    assert client.get(story.url + "no-such-child/").status_code == 404
    assert client.get(index.url + "no-such-story/").status_code == 404
    draft = add_story(index, "Not yet", publish=False)
    assert client.get(f"{index.url}{draft.slug}/").status_code == 404


def test_a_published_change_shows_in_the_share_meta_at_once(client, index, story):
    client.get(story.url)  # kept now
    republish(story, title="A new title for sharing")
    page = client.get(story.url).content.decode()
    assert '<meta property="og:title" content="A new title for sharing">' in page


def test_an_over_broad_share_meta_key_would_serve_the_old_title(client, index, story, monkeypatch):
    """Control for the test above: a key without the page's version keeps the old meta."""
    monkeypatch.setattr(share_meta, "_key", lambda request, page: f"too-broad:{page.pk}")
    client.get(story.url)
    republish(story, title="A new title for sharing")
    page = client.get(story.url).content.decode()
    assert '<meta property="og:title" content="A new title for sharing">' not in page


def test_a_story_view_asks_the_shared_cache_only_for_the_stamp(client, story, shared_reads):
    """The share meta's shared copy is kept in the process too: a warm view of the story
    makes one trip to the shared cache, for the stamps, like every other page."""
    for _ in range(2):
        assert client.get(story.url).status_code == 200
    shared_reads.clear()

    assert client.get(story.url).status_code == 200

    assert shared_reads == [STAMPS]


def test_the_kept_share_meta_lasts_no_longer_than_the_shared_copy(story, monkeypatch):
    """What changes no page (a card the worker draws later) shows once the shared copy has
    expired, as before: the copy kept here ends with it, though the stamp stands."""
    page, request = story.specific, RequestFactory().get(story.url)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = share_meta.meta_for(request, page)
    monkeypatch.setattr(share_meta.social, "meta_for", lambda *args, **kwargs: {"title": "Later"})
    # The shared copy expires.
    cache.delete(fragments.key_for("share-meta", share_meta._key(request, page)))
    expiry = start + timedelta(seconds=share_meta.SECONDS)

    with time_machine.travel(expiry - timedelta(seconds=1), tick=False):
        assert share_meta.meta_for(request, page) == first  # kept here, still standing
    with time_machine.travel(expiry, tick=False):
        assert share_meta.meta_for(request, page) == {"title": "Later"}


def test_a_private_story_has_no_share_meta_even_when_kept_before(client, index, story, admin_user):
    client.get(story.url)
    restrict(story)
    client.force_login(admin_user)
    page = client.get(story.url).content.decode()
    assert 'property="og:title"' not in page


def test_a_page_still_renders_when_no_site_answers_the_host(client, db):
    """The footer's trust pages come from the site's settings; with no site for the host
    (a bare page tree) the page renders without them instead of failing."""
    from django.urls import reverse
    from wagtail.models import Site

    Site.objects.all().delete()

    response = client.get(reverse("events:resend_links"))

    assert response.status_code == 200
