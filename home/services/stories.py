"""Finding stories and articles for listings, feeds and the home page.

Stories and articles are two page types, so a listing works in two steps that each cost a
fixed number of queries: first the ids of one page of results (filtered, searched and
ordered on the shared page table), then the cards for exactly those ids, fetched per type
with their author, image, categories, tags and approved-comment count.
"""

import hashlib
import re
from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation
from taggit.models import Tag
from wagtail.images.models import Filter
from wagtail.models import Page

from events.core.services import editorial_stamp, fragments, pagination, restrictions
from home.models import (
    ArticlePage,
    StoryCategory,
    StoryPage,
    approved_comment_count,
)

STORY_PAGE_MODELS = (StoryPage, ArticlePage)
MAX_QUERY_LENGTH = 100
# Search ranks at most this many matches; filters and pagination then apply to them.
MAX_SEARCH_RESULTS = 500
# Cards are kept under a key naming each page's published version and comment count and
# the editorial stamp, so a publish, a moderated comment or an edited author, picture,
# category or tag (each replaces the stamp) shows at once.
CARDS_SECONDS = 300


def live_story_pages(within=None):
    """Live, public stories and articles (as plain pages), optionally under one index."""
    pages = restrictions.public(Page.objects.live().type(*STORY_PAGE_MODELS))
    if within is not None:
        return pages.descendant_of(within)
    # Site-wide lists (home page, feeds) show the reader's language: each language has its
    # own tree, and a story and its translation are the same story.
    # By code through the join: no query for the Locale row on every listing.
    return pages.filter(locale__language_code=translation.get_language() or settings.LANGUAGE_CODE)


def filter_by_category(pages, slug):
    return pages.filter(Q(storypage__categories__slug=slug) | Q(articlepage__categories__slug=slug))


def filter_by_tag(pages, slug):
    return pages.filter(
        Q(storypage__tagged_items__tag__slug=slug) | Q(articlepage__tagged_items__tag__slug=slug)
    )


def newest_first(pages):
    return pages.order_by("-first_published_at", "-pk")


# The renditions a story card's picture shows (templates/components/story_card.html uses
# the same spec). Made before the cards are kept, so the kept copy carries them: else each
# later view of kept cards would ask for each picture's renditions again.
CARD_IMAGE_SPEC = "format-{avif,webp,jpeg} fill-{400x250,800x500}"

STAMP_FIELDS = ("pk", "last_published_at", "latest_revision_id", "approved_comments")


def stamped(pages):
    """``pages`` as rows of what their cards show changes with (see ``_cards_key``): a
    listing reads its ids and its cards' cache key in the one query."""
    return pages.annotate(approved_comments=approved_comment_count()).values_list(*STAMP_FIELDS)


def cards(ids):
    """The specific pages for ``ids``, in that order, ready for a listing.

    ``ids`` may be rows from ``stamped`` instead: then the key costs no query of its own.

    Two queries per page type listed whatever the number of ids (the pages, with author
    and image joined and the approved-comment count annotated; their categories), and one
    for all their images' renditions (which the picture tags then use without asking
    again). A card shows no tags, so none are read. Kept in the cache, so a listing seen
    before costs the one query of its key.
    """
    rows = list(ids)
    if not rows:
        return []
    if isinstance(rows[0], tuple):
        ids = [row[0] for row in rows]
        key = _key_for(ids, sorted(rows))
    else:
        ids = rows
        key = _cards_key(ids)
    kept = cache.get(key)
    if kept is not None:
        return kept
    found = {}
    for model in STORY_PAGE_MODELS:
        queryset = (
            model.objects.filter(pk__in=ids)
            .select_related("author", "image")
            .prefetch_related("categories")
            .annotate(approved_comments=approved_comment_count())
        )
        found.update({page.pk: page for page in queryset})
    listed = [found[pk] for pk in ids if pk in found]
    images = [page.image for page in listed if page.image is not None]
    prefetch_related_objects(images, "renditions")
    specs = Filter.expand_spec(CARD_IMAGE_SPEC)
    for image in images:
        image.get_renditions(*specs)  # added to the prefetched ones
    cache.set(key, listed, CARDS_SECONDS)
    return listed


class CardList(Sequence):
    """A page of story cards for ``rows`` (from ``stamped``), read (``cards``) only when
    something looks at them: a kept list of cards needs nothing but its rows."""

    def __init__(self, rows):
        self.rows = list(rows)

    @cached_property
    def _cards(self):
        return cards(self.rows)

    def __bool__(self):
        return bool(self.rows)

    def __len__(self):
        return len(self._cards)

    def __getitem__(self, index):
        return self._cards[index]


def card_list(request, listed, heading_level=3):
    """The ``<ul>`` of the cards of ``listed`` (a ``CardList``), kept rendered under the
    editorial stamp (an edited story, author, picture, category or tag replaces it) and
    the rows, which name each story's version and approved-comment count."""
    return fragments.kept_for_request(
        "story-list",
        request,
        (listed.rows, heading_level),
        lambda: render_to_string(
            "components/story_list.html",
            {"stories": listed, "heading_level": heading_level},
            request,
        ),
    )


def _in_order(ids):
    """``stamped`` rows for ``ids``, in their order (a search's ranking): one query."""
    rows = {row[0]: row for row in stamped(Page.objects.filter(pk__in=ids))}
    return [rows[pk] for pk in ids if pk in rows]


def _cards_key(ids):
    """One query: what the cards of ``ids`` show changes only with these stamps."""
    stamps = (
        Page.objects.filter(pk__in=ids)
        .annotate(approved_comments=approved_comment_count())
        .order_by("pk")
        .values_list(*STAMP_FIELDS)
    )
    return _key_for(ids, list(stamps))


def _key_for(ids, stamps):
    text = repr((editorial_stamp.current(), ids, stamps))
    return "stories:cards:" + hashlib.sha256(text.encode()).hexdigest()


def categories_in_use(within=None):
    pages = live_story_pages(within)
    return StoryCategory.objects.filter(
        Q(story_pages__in=pages.filter(storypage__isnull=False).values("pk"))
        | Q(article_pages__in=pages.filter(articlepage__isnull=False).values("pk"))
    ).distinct()


def tags_in_use(within=None):
    pages = live_story_pages(within).values("pk")
    return (
        Tag.objects.filter(
            Q(home_storypagetag_items__content_object__in=pages)
            | Q(home_articlepagetag_items__content_object__in=pages)
        )
        .distinct()
        .order_by("name")
    )


def _text_param(params, name):
    # NUL can be typed into a URL but PostgreSQL refuses it in any text comparison.
    return params.get(name, "").replace("\x00", "").strip()


def search_words(query):
    """The words of a reader's search, in any script; punctuation dropped. The SQLite
    search backend passes text into an FTS5 query, where a stray quote or angle bracket is
    a syntax error, and punctuation never helps a match anyway."""
    return " ".join(re.findall(r"\w+", query))


def _choices_in_use(index_page):
    """The categories and tags the index's live stories use, for its filters: kept under
    the editorial stamp (stories are pages; categories and tags replace it too, home.apps),
    two queries with joins on every view of the index before."""
    return editorial_stamp.kept_shared(
        f"story-choices:{index_page.pk}",
        lambda: (list(categories_in_use(index_page)), list(tags_in_use(index_page))),
    )


def index_listing(index_page, params):
    """Context for a story index: the current filters, one page of cards, the choices."""
    category = _text_param(params, "category")
    tag = _text_param(params, "tag")
    query = _text_param(params, "q")[:MAX_QUERY_LENGTH]

    def listed():
        # Built only when read: building the query was a fifth of a warm view's time.
        pages = live_story_pages(index_page)
        if category:
            pages = filter_by_category(pages, category)
        if tag:
            pages = filter_by_tag(pages, tag)
        return pages

    words = search_words(query)
    ids = None
    if query and not words:
        ids = []  # only punctuation: nothing can match
    elif words:
        # The search backend can only filter on indexed fields, so rank first (on the same
        # live, public pages), then keep the matches that pass the filters, in rank order.
        ranked = live_story_pages(index_page).search(words, operator="and")
        ranked_ids = [page.pk for page in ranked[:MAX_SEARCH_RESULTS]]
        allowed = set(listed().filter(pk__in=ranked_ids).values_list("pk", flat=True))
        ids = [pk for pk in ranked_ids if pk in allowed]

    categories, tags = _choices_in_use(index_page)
    per_page = index_page.stories_per_page or 12
    if ids is not None:  # search results, already read
        page_of_results = Paginator(ids, per_page).get_page(params.get("page", 1))
    else:  # the page's rows with their count beside them: one query, kept
        number = params.get("page", 1)
        kept = editorial_stamp.kept_here(
            fragments.key_for("story-index-page", (index_page.pk, category, tag, number, per_page)),
            lambda: pagination.parts(
                pagination.get_page(stamped(newest_first(listed())), number, per_page)
            ),
            room="pages",
            also=("comments",),
        )
        page_of_results = pagination.from_parts(*kept, per_page)
    paginator = page_of_results.paginator

    rows = page_of_results.object_list
    if words:
        rows = _in_order(rows)
    return {
        "stories": CardList(rows),
        "paginator": paginator,
        "page_of_stories": page_of_results,
        "categories": categories,
        "tags": tags,
        "current_category": category,
        "category_feed": next((c for c in categories if c.slug == category), None),
        "current_tag": tag,
        "search_query": query,
    }
