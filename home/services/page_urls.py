"""Which public URLs show a page or a snippet: the one rule the page cache and a front-end
cache (CDN, Varnish) purge by when a page is published, unpublished or moved, a comment is
moderated, or a venue, kind, partner, author or category is saved.

Given to ``campaign.pagecache.connect_purge_signals`` by ``HomeConfig.ready``. None means
"every page": what every page shows changed (site settings, wording, branding, view
restrictions, sites), or a change to the menu or the home page's description (which pages
without their own show), told by ``site_wide_changed``.
"""

import hashlib

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page, Site

from campaign import pagecache
from campaign.pagecache import Target
from events.calendar.models import CampaignPage, EventKind, EventPage, Venue
from events.calendar.services import page_urls as calendar_urls
from events.partners.models import Partner
from home.models import ArticlePage, Author, BaseStoryPage, Comment, StoryCategory, StoryPage
from home.templatetags.page_meta_tags import _own_description

STORY_PAGE_MODELS = (StoryPage, ArticlePage)
SITE_WIDE_KEY = "pagecache:site-wide"


def affected_urls(page, *, parent=None, url=None):
    """The URLs showing ``page`` (``parent`` and ``url``: where it was before a move), or
    None when every page shows what changed."""
    parent = parent or page.get_parent()
    # A home page or a top-level one: the menu and the description fallback.
    if (page.depth <= 3 or parent.depth <= 2) and site_wide_changed():
        return None
    if isinstance(page, EventPage):
        targets = calendar_urls.event_urls(page, parent=parent, url=url)
        targets += translations_showing(page)
    elif isinstance(page, BaseStoryPage):
        targets = story_urls(page, parent=parent, url=url)
    elif isinstance(page, CampaignPage):
        targets = calendar_urls.campaign_urls(page, parent=parent, url=url)
        targets += translations_showing(page)
    else:
        targets = calendar_urls.page_tree_urls(page, parent=parent, url=url)
        targets += translations_showing(page)
    root = calendar_urls.site_root(parent if parent.depth > 1 else page)
    return list(dict.fromkeys(targets + search_urls(root)))


def search_urls(root):
    """The search page, the sitemap and the API: they name every public page."""
    return [
        Target(root + reverse("home:search")),
        Target(root + reverse("home:sitemap")),
        Target(root + "/api/v2/", tree=True),
    ]


def site_wide_signature():
    """What every page shows of other pages: the menu (top-level pages "in menus": title
    and address) and each home page's description (the meta description of any page
    without one of its own). Two queries and one per site."""
    menu = Page.objects.live().public().in_menu().filter(depth=3).order_by("pk")
    parts = [repr(list(menu.values_list("pk", "title", "url_path")))]
    for site in Site.objects.select_related("root_page").order_by("pk"):
        parts.append(_own_description(site.root_page.specific))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def site_wide_changed():
    """Whether the signature differs from the one recorded at the last check (recorded in
    the page cache's store: when it was evicted, the answer is "changed", the safe one).

    The new signature is recorded once the change commits: one read inside a publish that
    is rolled back would otherwise stand for a menu that never was, and the same change
    made for real later would compare equal to it and purge too little."""
    signature = site_wide_signature()
    store = pagecache.store()
    previous = store.get(SITE_WIDE_KEY)
    transaction.on_commit(lambda: store.set(SITE_WIDE_KEY, signature, None))
    return previous != signature


def instance_urls(instance):
    """The URLs showing a saved or deleted snippet or row, or None for every page (site
    settings, wording and branding show on every page; a view restriction or a site
    changes which pages every listing, menu and feed may show)."""
    if isinstance(instance, Comment):
        page = Page.objects.filter(pk=instance.page_id).first()
        return affected_urls(page.specific) if page else []
    if isinstance(instance, Venue):
        used = Q(venue=instance) | Q(overrides__venue=instance)
        return events_urls(EventPage.objects.live().filter(used).distinct())
    if isinstance(instance, EventKind):
        return events_urls(EventPage.objects.live().filter(kind=instance))
    if isinstance(instance, Partner):
        hosted = Q(organiser=instance) | Q(co_hosts=instance)
        targets = events_urls(EventPage.objects.live().filter(hosted).distinct())
        return targets + partner_urls()
    if isinstance(instance, Author):
        by_author = (model.objects.live().filter(author=instance) for model in STORY_PAGE_MODELS)
        return stories_urls(by_author)
    if isinstance(instance, StoryCategory):
        stories = (model.objects.live().filter(categories=instance) for model in STORY_PAGE_MODELS)
        return stories_urls(stories) + story_feed_urls()
    return None


def comments_urls(comments):
    """The pages showing these comments and their counts (moderation updates in bulk)."""
    targets = []
    for page in Page.objects.filter(pk__in={c.page_id for c in comments}).specific():
        shown = affected_urls(page)
        if shown is None:
            return None
        targets += shown
    return list(dict.fromkeys(targets))


def events_urls(events):
    """The URLs showing any of ``events`` (a venue, kind or partner of theirs changed): each
    one's own pages, campaigns and feeds, and the site's listings once."""
    targets, months = [], set()
    for event in events.specific():
        targets += calendar_urls.event_urls(event, listings=False)
        targets += translations_showing(event)
        months.update(calendar_urls.event_months(event))
    for root in site_roots():
        targets += calendar_urls.listing_urls(root, sorted(months))
        targets += search_urls(root)
    return list(dict.fromkeys(targets))


def stories_urls(querysets):
    targets = []
    for stories in querysets:
        for story in stories:
            targets += story_urls(story)
            targets += search_urls(calendar_urls.site_root(story))
    return list(dict.fromkeys(targets))


def partner_urls():
    """The partners' pages and feeds (a partner's own page even when it hosts nothing)."""
    feed_folder = reverse("events:partner_feed", args=["any"]).rsplit("/", 1)[0] + "/"
    return [
        Target(root + path, tree=True)
        for root in site_roots()
        for path in (reverse("events:partners"), feed_folder)
    ]


def story_feed_urls():
    feeds = reverse("home:story_feed_rss").removesuffix("rss/")
    return [Target(root + feeds, tree=True) for root in site_roots()]


def site_roots():
    return [site.root_url for site in Site.objects.order_by("pk")]


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


def translations_showing(page):
    """The translations of the page and of the pages above it (campaign, index): they show
    an event's dates and seats (``ReadsSourceLogisticsMixin``) and an index's listing, at
    their own addresses. One query."""
    chain = [page, *page.get_ancestors().filter(depth__gt=2)]
    keys = {page.translation_key for page in chain}
    own = {page.pk for page in chain}
    translated = Page.objects.live().filter(translation_key__in=keys).exclude(pk__in=own)
    # A translated home page only itself: its tree is the whole site in that language.
    return [
        Target(other.get_full_url(), tree=other.depth > 2) for other in translated if other.url_path
    ]
