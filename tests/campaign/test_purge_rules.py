"""Every change purges the pages that show it, in every language, and keeps the others:
comment moderation, campaigns, indexes, the home page, venues, partners, authors. Each rule
has its control: without the rule the page that shows the change stays cached (stale)."""

import contextlib

import pytest
from django.core.cache import cache
from django.db import transaction

from campaign import pagecache
from events.models import CampaignPage, EventIndexPage, EventKind, EventPage, Partner, Venue
from home.models import Author, Comment, HomePage, SiteWording, StoryIndexPage, StoryPage
from home.services import comments, page_urls

HEADER = "X-Tapestry-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 300
    # Room for every page and generation (locmem culls a third of its keys at random past
    # 300, which would look like a purge; Redis in production evicts by age).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "purge-rules",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def menu_known(django_capture_on_commit_callbacks):
    """The menu as it is now, recorded (as after any earlier publish): a publish that
    leaves it as it is purges precisely."""
    with django_capture_on_commit_callbacks(execute=True):
        page_urls.site_wide_changed()


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)[HEADER] == "hit", path


def states(client, *paths):
    return {path: client.get(path).get(HEADER) for path in paths}


def missed(paths):
    return dict.fromkeys(paths, "miss")


def hit(paths):
    return dict.fromkeys(paths, "hit")


def es(client, url):
    """The Spanish address showing ``url``'s page: its translation's own address when it
    has one (the prefixed one redirects there), else the prefixed one (untranslated)."""
    response = client.get("/es" + url)
    return response["Location"] if response.status_code in (301, 302) else "/es" + url


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def no_page_rule(monkeypatch):
    monkeypatch.setattr(pagecache, "_affected_urls", lambda page, **position: [])


def no_instance_rule(monkeypatch):
    monkeypatch.setattr(pagecache, "_instance_urls", lambda instance: [])


def a_story_with_a_pending_comment():
    story = StoryPage.objects.live().first()
    comment = Comment.objects.create(page=story, name="Ana", body="Thank you for this.")
    return story, comment


@pytest.mark.parametrize("rule", [True, False], ids=["rule", "control"])
def test_approving_a_comment_purges_its_story_and_the_lists_counting_it(
    client, demo, monkeypatch, django_capture_on_commit_callbacks, rule
):
    story, comment = a_story_with_a_pending_comment()
    index = StoryIndexPage.objects.live().first()
    event = EventPage.objects.live().first()
    # Its translation has comments of its own: the Spanish lists are not concerned.
    shown = [story.url, index.url, "/"]
    apart = [event.url, es(client, event.url)]
    warm(client, *shown, *apart)
    if not rule:
        monkeypatch.setattr(page_urls, "comments_urls", lambda rows: [])

    with django_capture_on_commit_callbacks(execute=True):
        assert comments.moderate([comment], Comment.Status.APPROVED) == 1

    assert states(client, *apart) == hit(apart)
    if rule:
        assert states(client, *shown) == missed(shown)
        assert "Thank you for this." in client.get(story.url).content.decode()
    else:
        assert states(client, *shown) == hit(shown)  # stale without the rule


def test_deleting_an_approved_comment_purges_its_story(
    client, demo, django_capture_on_commit_callbacks
):
    story, comment = a_story_with_a_pending_comment()
    comment.status = Comment.Status.APPROVED
    comment.save()
    event = EventPage.objects.live().first()
    warm(client, story.url, event.url)
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert states(client, story.url, event.url) == {story.url: "miss", event.url: "hit"}


@pytest.mark.parametrize("rule", [True, False], ids=["rule", "control"])
def test_publishing_a_campaign_purges_its_page_events_listings_and_home(
    client, demo, menu_known, monkeypatch, django_capture_on_commit_callbacks, rule
):
    campaign = CampaignPage.objects.live().filter(events__live=True).first().specific
    event = campaign.events.live().first()
    index = EventIndexPage.objects.live().first()
    story = StoryPage.objects.live().first()
    shown = [campaign.url, es(client, campaign.url), event.url, index.url, "/"]
    apart = [story.url, es(client, story.url)]
    warm(client, *shown, *apart)
    if not rule:
        no_page_rule(monkeypatch)

    campaign.title = "A renamed campaign"
    publish(campaign, django_capture_on_commit_callbacks)

    assert states(client, *apart) == hit(apart)
    if rule:
        assert states(client, *shown) == missed(shown)
        # The event names its campaign ("Part of ..."), wherever it sits.
        assert "A renamed campaign" in client.get(event.url).content.decode()
    else:
        assert states(client, *shown) == hit(shown)


@pytest.mark.parametrize("rule", [True, False], ids=["rule", "control"])
def test_publishing_an_index_purges_it_and_the_home_page(
    client, demo, menu_known, monkeypatch, django_capture_on_commit_callbacks, rule
):
    index = StoryIndexPage.objects.live().first().specific
    event = EventPage.objects.live().first()
    shown = [index.url, index.url + "?page=2", es(client, index.url), "/", "/es/"]
    apart = [event.url, EventIndexPage.objects.live().first().url]
    warm(client, *shown, *apart)
    if not rule:
        no_page_rule(monkeypatch)

    index.intro = "<p>New words above the stories.</p>"
    publish(index, django_capture_on_commit_callbacks)

    assert states(client, *apart) == hit(apart)
    assert states(client, *shown) == (missed(shown) if rule else hit(shown))


def test_renaming_a_page_in_the_menu_purges_every_page(
    client, demo, menu_known, django_capture_on_commit_callbacks
):
    index = StoryIndexPage.objects.live().first().specific
    assert index.show_in_menus
    event = EventPage.objects.live().first()
    warm(client, event.url)
    index.title = "Our stories"
    publish(index, django_capture_on_commit_callbacks)
    assert client.get(event.url)[HEADER] == "miss"
    assert "Our stories" in client.get(event.url).content.decode()


class RolledBack(Exception):
    pass


def test_a_menu_change_rolled_back_is_not_remembered(
    client, demo, menu_known, django_capture_on_commit_callbacks
):
    index = StoryIndexPage.objects.live().first().specific
    event = EventPage.objects.live().first()
    warm(client, event.url)
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RolledBack),
        transaction.atomic(),
    ):
        index.title = "Our stories"
        index.save_revision().publish()
        raise RolledBack
    assert client.get(event.url)[HEADER] == "hit"
    # The same rename for real is still a change of the menu (it was recorded when read,
    # before the fix, and this publish then purged only the index's own pages).
    index = StoryIndexPage.objects.get(pk=index.pk)
    index.title = "Our stories"
    publish(index, django_capture_on_commit_callbacks)
    assert client.get(event.url)[HEADER] == "miss"


def test_publishing_the_home_page_purges_it_and_keeps_the_rest(
    client, demo, menu_known, django_capture_on_commit_callbacks
):
    home = HomePage.objects.live().first().specific
    event = EventPage.objects.live().first()
    warm(client, "/", "/es/", event.url)
    publish(home, django_capture_on_commit_callbacks)
    assert states(client, "/", "/es/", event.url) == {"/": "miss", "/es/": "miss", event.url: "hit"}


def test_a_new_home_description_purges_every_page(
    client, demo, menu_known, django_capture_on_commit_callbacks
):
    # Pages without a description of their own show the home page's.
    home = HomePage.objects.live().first().specific
    event = EventPage.objects.live().first()
    warm(client, event.url)
    home.search_description = "A brand new description of the whole site"
    publish(home, django_capture_on_commit_callbacks)
    assert client.get(event.url)[HEADER] == "miss"


@pytest.mark.parametrize("rule", [True, False], ids=["rule", "control"])
def test_saving_a_venue_purges_the_events_there_and_the_listings(
    client, demo, monkeypatch, django_capture_on_commit_callbacks, rule
):
    event = EventPage.objects.live().exclude(venue=None).first()
    venue = Venue.objects.get(pk=event.venue_id)
    index = EventIndexPage.objects.live().first()
    story = StoryPage.objects.live().first()
    shown = [event.url, es(client, event.url), index.url, index.url + "month/", "/"]
    apart = [story.url, es(client, story.url)]
    warm(client, *shown, *apart)
    if not rule:
        no_instance_rule(monkeypatch)

    venue.name = "The Renamed Hall"
    with django_capture_on_commit_callbacks(execute=True):
        venue.save()

    assert states(client, *apart) == hit(apart)
    if rule:
        assert states(client, *shown) == missed(shown)
        assert "The Renamed Hall" in client.get(event.url).content.decode()
    else:
        assert states(client, *shown) == hit(shown)


@pytest.mark.parametrize("rule", [True, False], ids=["rule", "control"])
def test_saving_a_partner_purges_its_pages_and_events(
    client, demo, monkeypatch, django_capture_on_commit_callbacks, rule
):
    event = EventPage.objects.live().exclude(organiser=None).first()
    partner = Partner.objects.get(pk=event.organiser_id)
    partner_page = f"/partners/{partner.slug}/"
    story = StoryPage.objects.live().first()
    shown = [partner_page, es(client, partner_page), "/partners/", event.url]
    apart = [story.url, es(client, story.url)]
    warm(client, *shown, *apart)
    if not rule:
        no_instance_rule(monkeypatch)

    partner.description = "A freshly written description."
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()

    assert states(client, *apart) == hit(apart)
    if rule:
        assert states(client, *shown) == missed(shown)
        assert "A freshly written description." in client.get(partner_page).content.decode()
    else:
        assert states(client, *shown) == hit(shown)


def test_saving_an_author_purges_their_stories_and_keeps_the_events(
    client, demo, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.live().first()
    author = Author.objects.create(name="Sam Writer")
    story.author = author
    publish(story, django_capture_on_commit_callbacks)
    event = EventPage.objects.live().first()
    warm(client, story.url, event.url)
    author.name = "A. Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    assert states(client, story.url, event.url) == {story.url: "miss", event.url: "hit"}
    assert "A. Renamed" in client.get(story.url).content.decode()


def test_saving_a_kind_purges_its_events_and_keeps_the_stories(
    client, demo, django_capture_on_commit_callbacks
):
    event = EventPage.objects.live().first()
    kind = EventKind.objects.get(pk=event.kind_id)
    index = EventIndexPage.objects.live().first()
    story = StoryPage.objects.live().first()
    shown = [event.url, index.url, index.url + "?kind=" + kind.slug]
    warm(client, *shown, story.url)
    kind.name = "A renamed kind"
    with django_capture_on_commit_callbacks(execute=True):
        kind.save()
    assert states(client, *shown, story.url) == {**missed(shown), story.url: "hit"}


def test_saving_a_category_purges_its_stories_and_feeds_and_keeps_the_events(
    client, demo, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.live().exclude(categories=None).first()
    category = story.categories.first()
    event = EventPage.objects.live().first()
    feed = f"/feeds/stories/{category.slug}/rss/"
    shown = [story.url, "/feeds/stories/rss/", feed]
    warm(client, *shown, event.url)
    category.name = "A renamed theme"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert states(client, *shown, event.url) == {**missed(shown), event.url: "hit"}


def test_deleting_a_partner_purges_the_events_it_hosted(
    client, demo, django_capture_on_commit_callbacks
):
    # Listed before the delete: afterwards the events no longer point at it.
    event = EventPage.objects.live().exclude(organiser=None).first()
    partner = Partner.objects.get(pk=event.organiser_id)
    story = StoryPage.objects.live().first()
    warm(client, event.url, story.url)
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()
    assert states(client, event.url, story.url) == {event.url: "miss", story.url: "hit"}
    assert client.get(f"/partners/{partner.slug}/").status_code == 404


def test_site_wording_purges_every_page(client, demo, django_capture_on_commit_callbacks):
    # The tagline and footer in a language show on every page (before: no purge at all).
    wording = SiteWording.objects.first()
    assert page_urls.instance_urls(wording) is None
    event = EventPage.objects.live().first()
    warm(client, event.url)
    wording.tagline = "A new tagline"
    with django_capture_on_commit_callbacks(execute=True):
        wording.save()
    assert client.get(event.url)[HEADER] == "miss"
