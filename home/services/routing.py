"""Wagtail's page routing in a fixed number of queries, whatever the depth.

Wagtail walks the tree a level at a time (the child by slug, then its specific row: two
queries a level, and a locale lookup for the root). Here the pages on the way are read at
once by their ``url_path`` (one query, kept per address under the editorial stamp until an
editor changes a page, in each process for the addresses asked for most lately), and only
the page reached is made specific (one more query, kept the same way: a page's row changes
only when it is saved, published, unpublished or moved, and each of those replaces the
stamp). A routable page whose own sub-page URLs do not match the rest of the path is walked
through as Wagtail's fallback would (an event under a campaign under the calendar); one
that matches, or a type with a ``route`` of its own, is handed the rest of the path as
Wagtail would hand it, so sub-pages and 404s behave exactly as before.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from events.core.models import reading_source_language
from events.core.services import editorial_stamp, kept_site, request_memo


def route_for_request(request, path):
    """What ``Page.route_for_request`` returns (and kept where Wagtail keeps it)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)
    return request._wagtail_route_for_request


def _route(request, path):
    site = kept_site.find_for_request(request)
    if site is None:
        return None
    parts = [part for part in path.split("/") if part]
    root, pages = _pages_on_the_way(site.root_page, parts)
    if root is None:  # the root is in another language: Wagtail's own way
        return Page.route_for_request(request, path)
    request_memo.keep(("reader_root", site.pk), root)
    page, depth = root, 0
    while depth < len(parts):
        child = pages.get(f"{page.url_path}{parts[depth]}/")
        if child is None or not _routes_to_child(page, parts[depth:]):
            break
        page, depth = child, depth + 1
    parent = pages.get(page.url_path.rsplit("/", 2)[0] + "/")
    page = _specific(page)
    if parent is not None and parent.depth == page.depth - 1:
        page._cached_parent_obj = parent  # as Wagtail's route does: no query for get_parent
    try:
        return page.route(request, parts[depth:])
    except Http404:
        return None


def _specific(page):
    """The page reached, as its own type: kept like the way to it. Its row changes only
    when an editor saves, publishes, unpublishes or moves it (or a scheduled publish does),
    and each of those replaces the editorial stamp."""
    return editorial_stamp.kept_here(f"page:{page.pk}", lambda: page.specific, room="pages")


def _routes_to_child(page, rest):
    """Whether Wagtail would hand ``rest`` (the path left under ``page``) to a child: a
    plain page always does; a routable page does when none of its own sub-page URLs
    matches (what ``RoutablePageMixin.route`` tries first), or when it is not live."""
    specific_class = page.specific_class
    if specific_class is None:
        return False
    if specific_class.route is Page.route:
        return True
    if specific_class.route is not RoutablePageMixin.route:
        return False  # a route of its own: let it decide
    if not page.live:
        return True
    try:
        specific_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
    except Http404:
        return True
    return False


def _pages_on_the_way(site_root, parts):
    """The root in the reader's language (as ``Page.localized`` finds it) and
    ``{url_path: page}`` for every prefix of ``parts`` under it: one query in the source
    language, two in another, none while the editorial stamp stands (kept per address and
    language). (None, {}) when Wagtail's own way should decide."""
    i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    language = _content_language()
    translated = i18n and not reading_source_language()
    address = hashlib.blake2b("/".join(parts).encode(), digest_size=16).hexdigest()
    way = editorial_stamp.kept_here(
        f"route:{site_root.pk}:{language}:{int(translated)}:{address}",
        lambda: _read_way(site_root, parts, language, i18n, translated),
        room="routes",
    )
    for locale in way.locales:
        request_memo.keep(("locale-id", locale.pk), locale)
    for key, versions in way.translations.items():
        request_memo.keep(("translations", key), versions)
    if way.menu_root is not None:
        request_memo.keep(("menu", way.menu_root), way.menu)
    return way.root, way.found


@dataclass
class Way:
    """What routing reads for one address: kept as a whole under the editorial stamp."""

    root: Page | None
    found: dict = field(default_factory=dict)  # {url_path: page} on the way
    menu_root: int | None = None
    menu: list = field(default_factory=list)  # the root's live "show in menus" children
    translations: dict = field(default_factory=dict)  # {translation_key: live versions}
    locales: list = field(default_factory=list)  # of the pages read, for later checks


def _read_way(site_root, parts, language, i18n, translated_reader):
    locales = []
    if translated_reader:
        # The source language's row comes along: its locale then costs later checks nothing.
        roots = Page.objects.filter(
            translation_key=site_root.translation_key,
            locale__language_code__in=[language, settings.LANGUAGE_CODE],
        ).select_related("locale")
        translated = None
        for page in roots:
            locales.append(page.locale)
            if page.locale.language_code == language:
                translated = page
        if translated is not None and translated.live:
            # The translation's tree, or the site root's when there is none (Wagtail's fallback).
            site_root = translated
        way = _prefixes(site_root, parts)
        way.root = way.found.get(site_root.url_path)
        way.locales += locales
        return way
    way = _prefixes(site_root, parts)
    root = way.found.get(site_root.url_path)
    if root is None or (i18n and root.locale.language_code != language):
        return Way(root=None)
    way.root = root
    return way


def _prefixes(root, parts):
    """The pages on the way, and (same query) the root's live menu children, which every
    page's header lists, and the live language versions of the pages on the way, which the
    language links list, by translation key."""
    addresses = [root.url_path + "".join(f"{p}/" for p in parts[:n]) for n in range(len(parts) + 1)]
    on_the_way = Q(url_path__in=addresses)
    in_menu = Q(depth=root.depth + 1, live=True, show_in_menus=True)
    keys = Page.objects.filter(on_the_way, path__startswith=root.path).values("translation_key")
    versions = Q(live=True, translation_key__in=keys)
    pages = (
        Page.objects.filter(Q(on_the_way | in_menu, path__startswith=root.path) | versions)
        .select_related("locale")
        .order_by("path")
    )
    found, menu, translations = {}, [], {}
    for page in pages:
        if page.live:
            translations.setdefault(page.translation_key, []).append(page)
        if not page.path.startswith(root.path):
            continue  # a language version in another tree
        if page.url_path in addresses:
            found[page.url_path] = page
        if page.depth == root.depth + 1 and page.live and page.show_in_menus:
            menu.append(page)
    return Way(
        root=None,
        found=found,
        menu_root=root.pk,
        menu=menu,
        translations={
            page.translation_key: translations.get(page.translation_key, [])
            for page in found.values()
        },
        locales=[page.locale for page in found.values()],
    )


def reader_root(site):
    """The site's root page in the reader's language, as routing found it this request
    (None when routing did not run or left it to Wagtail)."""
    return request_memo.recall(("reader_root", site.pk))


def menu_pages(root):
    """The root's live "show in menus" children (all, private ones too) read with the
    route this request, in tree order; None when they were not."""
    return request_memo.recall(("menu", root.pk))


def _content_language():
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)
