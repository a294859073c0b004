"""Which public URLs show a page: the one rule the page cache and a front-end cache (CDN,
Varnish) purge by when a story or an event is published, unpublished or moved.

Given to ``campaign.pagecache.connect_purge_signals`` by ``HomeConfig.ready``. Other pages
(the home page, campaigns, indexes, plain pages) may show in menus, cards and every event
of a campaign, so they return None: purge everything, as before.
"""

from django.urls import reverse
from wagtail.models import Page

from campaign.pagecache import Target
from events.calendar.models import CampaignPage, EventPage
from events.calendar.services import page_urls as calendar_urls
from home.models import BaseStoryPage


def affected_urls(page, *, parent=None, url=None):
    """The URLs showing ``page`` (``parent`` and ``url``: where it was before a move), or
    None when they cannot be told."""
    if isinstance(page, EventPage):
        targets = calendar_urls.event_urls(page, parent=parent, url=url)
        targets += translations_showing(page)
    elif isinstance(page, BaseStoryPage):
        targets = story_urls(page, parent=parent, url=url)
    else:
        return None
    root = calendar_urls.site_root(parent or page.get_parent())
    targets += [
        Target(root + reverse("home:search")),
        Target(root + reverse("home:sitemap")),
        Target(root + "/api/v2/", tree=True),
    ]
    return list(dict.fromkeys(targets))


def story_urls(story, *, parent=None, url=None):
    """Its page (and its print view), its index and the home page, the campaigns (a
    campaign lists the stories it picks and those with its tag), the story feeds."""
    parent = parent or story.get_parent()
    root = calendar_urls.site_root(parent)
    own = url or story.get_url()
    targets = [Target(own if "://" in own else root + own, tree=True)] if own else []
    targets += calendar_urls.ancestor_urls(parent)
    targets += [Target(campaign.get_full_url()) for campaign in CampaignPage.objects.live()]
    feeds = reverse("home:story_feed_rss").removesuffix("rss/")
    targets.append(Target(root + feeds, tree=True))
    return targets


def translations_showing(event):
    """The translations of the event and of the pages above it (campaign, index): they
    show the event's dates and seats (``ReadsSourceLogisticsMixin``), at their own
    addresses. One query."""
    chain = [event, *event.get_ancestors().filter(depth__gt=2)]
    keys = {page.translation_key for page in chain}
    own = {page.pk for page in chain}
    translated = Page.objects.live().filter(translation_key__in=keys).exclude(pk__in=own)
    return [Target(other.get_full_url(), tree=True) for other in translated if other.url_path]
