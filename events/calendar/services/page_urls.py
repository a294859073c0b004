"""Which public URLs show an event: what the page cache and a front-end cache purge when one
is published, unpublished or moved (the rule for every page lives in
``home.services.page_urls``).

An event shows on its own page and the pages under it (occurrences), on the pages above
it, on its campaign's page, on every calendar listing (the events list with any filter, its
months, the past, the volunteering page), in the embeds and the open-data answers, and in
the site's, its campaign's, its kind's and its own calendar feeds.
"""

from django.urls import reverse

from campaign.pagecache import Target
from events.calendar.models import CampaignPage, EventIndexPage, VolunteeringPage


def site_root(page):
    """The scheme and host ``page`` is served on ("" when it belongs to no site)."""
    parts = page.get_url_parts()
    return parts[1] if parts else ""


def ancestor_urls(parent, root=None):
    """The live pages from ``parent`` up (its index, its campaign, the home page): each
    lists what is below it. An events index's months and past are listings of it too."""
    targets = []
    for page in parent.get_ancestors(inclusive=True).live().specific().filter(depth__gt=1):
        url = page.get_full_url()
        if url is None:
            continue
        targets.append(Target(url))
        if isinstance(page, EventIndexPage):
            targets += [Target(url + "month/", tree=True), Target(url + "past/", tree=True)]
        elif isinstance(page, CampaignPage):
            targets.append(Target(url + page.reverse_subpage("toolkit_view")))
    return targets


def listing_urls(root, months=()):
    """Every page and answer that lists events across the site; ``months`` (year, month)
    are named one by one for a front-end cache (the page cache drops them all anyway)."""
    targets = []
    for index in EventIndexPage.objects.live():
        url = index.get_full_url()
        if url:
            targets += [
                Target(url),
                Target(url + "month/", tree=True),
                Target(url + "past/", tree=True),
            ]
            targets += [Target(f"{url}month/{year}/{month}/") for year, month in months]
    volunteering = (page.get_full_url() for page in VolunteeringPage.objects.live())
    targets += [Target(url) for url in volunteering if url]
    targets += [
        Target(root + reverse("events:feed")),
        Target(root + reverse("events:subscribe")),
        Target(root + reverse("events:meetings_json")),
        Target(root + reverse("events:api_occurrences")),
        Target(root + reverse("events:embed_events")),
        Target(root + reverse("events:embed_month"), tree=True),
        Target(root + "/api/v2/", tree=True),
        # Partner pages and feeds list their events (the partners room sits above this one,
        # so by URL name): the index and every partner's page, and every partner's feed.
        Target(root + reverse("events:partners"), tree=True),
        Target(root + _folder_of(reverse("events:partner_feed", args=["any"])), tree=True),
    ]
    return targets


def _folder_of(path):
    return path.rsplit("/", 1)[0] + "/"


def event_urls(event, *, parent=None, url=None, listings=True):
    """The URLs showing ``event``; ``parent`` and ``url`` give the place it had before a
    move (``url`` as ``get_url`` gives it). Without ``listings``: not the site-wide lists
    (for a caller naming many events, who adds them once)."""
    parent = parent or event.get_parent()
    root = site_root(parent)
    targets = own_event_urls(event, root, url)
    targets += ancestor_urls(parent)
    in_campaigns = {
        event.campaign_id,
        *parent.get_ancestors(inclusive=True).values_list("pk", flat=True),
    }
    for campaign in CampaignPage.objects.live().filter(pk__in=in_campaigns - {None}):
        targets.append(Target(campaign.get_full_url() or root + campaign.url))
        targets.append(Target(root + reverse("events:campaign_feed", args=[campaign.slug])))
    if event.kind_id:
        targets.append(Target(root + reverse("events:kind_feed", args=[event.kind.slug])))
    if not listings:
        return targets
    return targets + listing_urls(root, event_months(event))


def own_event_urls(event, root, url=None):
    """Its page and the pages under it (each occurrence named for a front-end cache, which
    cannot purge "everything under"), and its own calendar feed."""
    targets = []
    own = url or event.get_url()
    if own:
        own = own if "://" in own else root + own
        targets.append(Target(own, tree=True))
        for key in event.occurrences.values_list("key", flat=True):
            targets.append(Target(f"{own}occurrences/{key}/"))
    feed = reverse("events:event_feed", args=[event.pk])
    targets.append(Target(root + feed))
    targets.append(Target(root + feed.removesuffix(".ics") + "/", tree=True))
    return targets


def event_months(event):
    """The (year, month) of its meetings: the month pages listing it."""
    moments = event.occurrences.datetimes("start", "month")
    return sorted({(moment.year, moment.month) for moment in moments})


def campaign_urls(campaign, *, parent=None, url=None):
    """The URLs showing a campaign: its page and everything under it (toolkit, its events
    and pages placed inside it), the pages above it (the home page names the current
    campaign), its calendar feed, the events it is named on ("Part of") wherever they sit
    and their feeds, and the listings (which list those events)."""
    parent = parent or campaign.get_parent()
    root = site_root(parent)
    own = url or campaign.get_url()
    targets = [Target(own if "://" in own else root + own, tree=True)] if own else []
    targets += ancestor_urls(parent)
    targets.append(Target(root + reverse("events:campaign_feed", args=[campaign.slug])))
    months = set()
    for event in campaign.events.live().select_related("kind"):
        event_root = site_root(event)
        targets += own_event_urls(event, event_root)
        # Its kind's feed names the campaign in each of its events (CATEGORIES).
        targets.append(Target(event_root + reverse("events:kind_feed", args=[event.kind.slug])))
        months.update(event_months(event))
    return targets + listing_urls(root, sorted(months))


def page_tree_urls(page, *, parent=None, url=None):
    """Any other page (an index, a plain page): its own address and everything under it
    (an index's months and past, the breadcrumbs of its children), and the pages above it
    that list it. A site's home page only itself: its tree is the whole site."""
    parent = parent or page.get_parent()
    root = site_root(parent) if parent.depth > 1 else site_root(page)
    own = url or page.get_url()
    targets = []
    if own:
        own = own if "://" in own else root + own
        targets.append(Target(own, tree=page.depth > 2))
    if parent.depth > 1:
        targets += ancestor_urls(parent)
    return targets
