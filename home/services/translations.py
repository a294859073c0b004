"""Which language versions of a page exist, and what a reader sees when one is missing.

The language lives in the URL: English (the source) has no prefix, Spanish is under /es/.
Wagtail keeps one tree of pages per locale; a page and its translations share a
``translation_key``.
"""

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from events.core.services import editorial_stamp, fragments, kept_site, request_memo


def default_language():
    return settings.LANGUAGE_CODE


def active_locale():
    """Wagtail's ``Locale.get_active()``, read once per request and language."""
    return request_memo.remember(("locale", translation.get_language()), Locale.get_active)


def default_locale():
    """Wagtail's ``Locale.get_default()``, read once per request."""
    return request_memo.remember(("locale", None), Locale.get_default)


def locale_of(page):
    """``page.locale``, without a query when routing read that locale this request."""
    return request_memo.recall(("locale-id", page.locale_id)) or page.locale


def in_active_locale(page):
    known = request_memo.recall(("locale-id", page.locale_id))  # read with the route
    if known is not None and known.language_code == translation.get_language():
        return True
    return page.locale_id == active_locale().pk


def in_source_locale(page):
    known = request_memo.recall(("locale-id", page.locale_id))  # read with the route
    if known is not None:
        return known.language_code == settings.LANGUAGE_CODE
    return page.locale_id == default_locale().pk


def live_translations(pages):
    """``live_translation`` of each of ``pages`` (None where none), in one query."""
    wanted = [page for page in pages if page is not None and not in_active_locale(page)]
    found = {}
    if wanted:
        others = Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in wanted],
            locale__language_code=translation.get_language(),
        )
        found = {other.translation_key: other for other in others}
    return [None if page is None else found.get(page.translation_key) for page in pages]


def route_in_source_locale(request, path):
    """Route ``path`` through the source-language tree.

    Returns ``(route, rest)``: Wagtail's (page, args, kwargs), and the path segments after
    the page's own (a routable page's sub-path such as ``register/``); or None.
    """
    site = kept_site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.get_translation_or_none(default_locale()) or site.root_page
    parts = [part for part in path.split("/") if part]
    try:
        route = root.specific.route(request, parts)
    except Http404:
        return None
    # Each level below the site's root consumes one segment of the path.
    return route, parts[route[0].depth - root.depth :]


def live_translation(page, locale=None):
    """The page's live translation into ``locale`` (the active one by default), or None."""
    locale = locale or active_locale()
    if page.locale_id == locale.pk:
        return None
    other = page.get_translation_or_none(locale)
    return other if other is not None and other.live else None


def language_versions(request, page=None):
    """One entry per site language: code, name in its own language, address, current?.

    For a page, the address is its translation's when one is live, else the same path
    under the other language's prefix (which shows the source page, marked as such).
    Elsewhere (lists, forms) Django's ``translate_url`` swaps the prefix. Two queries at
    most per request, however often a template asks.
    """
    key = (getattr(page, "pk", None), translation.get_language())
    remembered = getattr(request, "_language_versions", {})
    if key not in remembered:
        remembered[key] = _kept_language_versions(request, page)
        request._language_versions = remembered
    return remembered[key]


def _kept_language_versions(request, page):
    """The versions, kept in this process under the editorial stamp (which a publish,
    unpublish or move of any page replaces) per page, host, path with its query and
    language: working out the addresses (a translation's URL, another prefix's path)
    was a twentieth of an event page's time. A preview is worked out afresh."""
    if getattr(request, "is_preview", False):
        return _read_language_versions(request, page)
    path = request.get_full_path()
    name = fragments.key_for(
        "language-versions", (getattr(page, "pk", None), request.get_host(), path)
    )
    return editorial_stamp.kept_here(
        name, lambda: _read_language_versions(request, page), room="languages"
    )


def _read_language_versions(request, page):
    live = {}
    if page is not None and getattr(page, "pk", None):
        # Read with the route (home.services.routing), usually.
        others = request_memo.recall(("translations", page.translation_key))
        if others is None:
            others = (
                Page.objects.live()
                .filter(translation_key=page.translation_key)
                .select_related("locale")
            )
        live = {other.locale.language_code: other for other in others}
    current = translation.get_language()
    path = request.get_full_path()
    versions = []
    # settings.LANGUAGES names each language in its own words ("English", "Español").
    for code, name in settings.LANGUAGES:
        other = live.get(code)
        if other is not None:
            with translation.override(code):
                address = other.get_url(request)
        else:
            address = translate_url(path, code)
        versions.append(
            {
                "code": code,
                "name": name,
                "url": address,
                "current": code == current,
                # False when this language would show the source page, untranslated.
                "translated": page is None or other is not None,
            }
        )
    return versions


def stale_translations():
    """Live translations whose source page was published after them, oldest gap first.

    Tool-neutral: it compares publishing times, so a translation made with
    wagtail-localize or by copying the page by hand is judged alike. One query.
    """
    default = Locale.get_default()
    source = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=default)
    return (
        Page.objects.exclude(locale=default)
        .filter(live=True)
        .annotate(
            source_published_at=Subquery(source.values("last_published_at")[:1]),
            source_id=Subquery(source.values("pk")[:1]),
        )
        .filter(source_published_at__gt=F("last_published_at"))
        .select_related("locale")
        .order_by("last_published_at")
    )
