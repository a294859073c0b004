"""RSS and Atom feeds of stories and articles, for the whole site or one category."""

import html
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Site

from events.core.services import kept_site
from home.models import StoryCategory
from home.services import stories

FEED_LENGTH = 20


def plain_description(intro):
    """The intro as plain text, escaped for the HTML that feed readers take it for.

    RSS ``<description>`` and Atom ``<summary type="html">`` are read as HTML, and an
    intro can carry a reader's own words: only its text goes out, with any ``<`` or ``&``
    left in it escaped, so no element or attribute from it reaches a feed reader.
    """
    text = " ".join(html.unescape(strip_tags(intro or "")).split())
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class FeedScope:
    """What one request asked for. Feed objects are shared between threads, so per-request
    state travels here instead of on ``self``."""

    request: HttpRequest
    site: Site | None
    category: StoryCategory | None


class StoryFeed(Feed):
    rss_name = "home:story_feed_rss"
    category_name = "home:category_feed_rss"

    def get_object(self, request, category=None):
        found = get_object_or_404(StoryCategory, slug=category) if category else None
        return FeedScope(request, kept_site.find_for_request(request), found)

    def title(self, scope):
        name = scope.site.site_name if scope.site and scope.site.site_name else "Tapestry"
        if scope.category:
            return _("%(site)s: stories and articles about %(category)s") % {
                "site": name,
                "category": scope.category.name,
            }
        return _("%(site)s: stories and articles") % {"site": name}

    def link(self, scope):
        return "/"

    def description(self, scope):
        if scope.category and scope.category.description:
            return scope.category.description
        return _("Personal recovery stories and advocacy articles from our community.")

    def feed_url(self, scope):
        if scope.category:
            return reverse(self.category_name, args=[scope.category.slug])
        return reverse(self.rss_name)

    def items(self, scope):
        within = scope.site.root_page if scope.site else None
        pages = stories.live_story_pages(within)
        if scope.category:
            pages = stories.filter_by_category(pages, scope.category.slug)
        ids = stories.newest_first(pages).values_list("pk", flat=True)[:FEED_LENGTH]
        items = stories.cards(ids)
        for item in items:
            item.feed_request = scope.request
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_description(item.intro)

    def item_link(self, item):
        return item.get_url(item.feed_request)

    def item_guid(self, item):
        # Stable across slug changes and moves.
        return f"tapestry-page-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        if item.author:
            return item.author.name
        return getattr(item, "storyteller_name", "") or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class AtomStoryFeed(StoryFeed):
    feed_type = Atom1Feed
    rss_name = "home:story_feed_atom"
    category_name = "home:category_feed_atom"

    def subtitle(self, scope):
        return self.description(scope)
