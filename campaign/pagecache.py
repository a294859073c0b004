"""Whole-page cache for anonymous readers: which requests and responses may be stored, and
the purge.

A cached page is stored with the "generations" that were current when its request began:
one for its path (any query string) and one for each enclosing path ("/", "/whats-on/",
...). A purge replaces some of them, so the pages under them are stale at once, however
many there are: publishing, unpublishing or moving a story or an event replaces those of
the URLs that show it (the list comes from the apps, see ``connect_purge_signals``), and
so do other pages, moderated comments, venues, kinds, partners, authors and categories;
what every page shows (settings, wording, the menu) replaces the generation of "/", which
is every page. The purge runs after the publishing transaction
commits, and a page rendered from the old rows is stored under the old generations, so it
can never outlive the purge. A front-end cache (CDN, Varnish) configured in
``WAGTAILFRONTENDCACHE`` is sent the same URLs by a Celery task (``campaign.frontend_cache``).

What changes without a publish (seats left on a shift, "upcoming" lists as days pass) is
at most ``TAPESTRY_PAGE_CACHE_SECONDS`` old; the sign-up form itself is never cached.
"""

import hashlib
import logging
import re
import secrets
from functools import cache as memoize
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from campaign import frontend_cache
from campaign.cache_keys import shared_key

logger = logging.getLogger(__name__)

# Generation keys: TREE + "/events/" covers that path and everything under it, EXACT + path
# that one path with any query string. The tree of "/" is the whole cache.
TREE = shared_key("pagecache:tree:")
EXACT = shared_key("pagecache:exact:")
GENERATION_KEY = TREE + "/"
# Deeper paths share the generation of their first MAX_DEPTH segments (bounds a lookup).
MAX_DEPTH = 8
HEADER = "X-Tapestry-Cache"
# Headers worth storing vary on nothing but Cookie (personal cookies bypass the cache).
HARMLESS_VARY = {"cookie", "accept-encoding"}


def enabled():
    return settings.TAPESTRY_PAGE_CACHE_SECONDS > 0


def store():
    return caches[settings.TAPESTRY_PAGE_CACHE_ALIAS]


@memoize
def _skipped_paths():
    return [re.compile(pattern) for pattern in settings.TAPESTRY_PAGE_CACHE_SKIP]


def _personal_cookies():
    # A signed-in session, a form's CSRF token, a flash message (Django's cookie storage).
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}


def request_is_cacheable(request):
    """An anonymous GET or HEAD for a page that is the same for every reader."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if not _personal_cookies().isdisjoint(request.COOKIES):
        return False
    path = request.path_info
    return not any(pattern.search(path) for pattern in _skipped_paths())


def response_is_cacheable(request, response):
    """A plain 200 that sets no cookie and that no view or middleware marked as personal."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    return vary <= HARMLESS_VARY


def page_key(request):
    scheme = "https" if request.is_secure() else "http"
    address = f"{scheme}://{request.get_host()}{request.get_full_path()}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _scopes(path):
    """The generation keys a page at ``path`` is stored under: one per enclosing "tree"
    (``/``, ``/events/``, ``/events/walk/`` ...) and one for the path itself (every query
    string of it). A purge replaces one of them, so it costs one write however many pages
    or filter combinations it drops."""
    parts = path.split("/")[: MAX_DEPTH + 1]
    trees = ["/".join(parts[:depth]) + "/" for depth in range(1, len(parts))]
    return [TREE + tree for tree in trees] + [EXACT + path]


def current_generation(cached, scopes=(GENERATION_KEY,)):
    """The generations of ``scopes`` (from a ``get_many`` answer), created if missing. A
    missing one gets a fresh random token, so a page stored before an eviction never
    matches again."""
    missing = [scope for scope in scopes if cached.get(scope) is None]
    if missing:
        for scope in missing:
            store().add(scope, secrets.token_hex(8), None)
        cached = {**cached, **store().get_many(missing)}
    return "|".join(str(cached.get(scope)) for scope in scopes)


def lookup(request):
    """(stored response or None, generation, key). One cache round trip on a hit."""
    key = page_key(request)
    scopes = _scopes(request.path)
    cached = store().get_many([*scopes, key])
    generation = current_generation(cached, scopes)
    entry = cached.get(key)
    if entry is None or entry["generation"] != generation:
        return None, generation, key
    # HEAD gets the GET's headers (Content-Length included) without the body.
    content = b"" if request.method == "HEAD" else entry["content"]
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = "hit"
    return response, generation, key


def save(key, generation, response):
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.items() if name != HEADER],
        "content": response.content,
    }
    store().set(key, entry, settings.TAPESTRY_PAGE_CACHE_SECONDS)
    response[HEADER] = "miss"


class Target(NamedTuple):
    """A URL whose pages a change makes stale: that path with any query string, and with
    ``tree`` every path under it too (an event's occurrence pages, an index's months)."""

    url: str
    tree: bool = False


def _target_scope(target):
    path = urlsplit(target.url).path or "/"
    if not (target.tree and path.endswith("/")):
        return EXACT + path
    # A tree deeper than the lookups read is purged through its deepest tree they read.
    return [scope for scope in _scopes(path) if scope.startswith(TREE)][-1]


def _language_prefixes():
    return ["/" + code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_every_language(targets):
    """``targets`` at their address in every language: without a prefix and under each
    other language's (/es/...), where a source page also shows, marked untranslated.
    Whichever language the purge was computed in, the same set comes out."""
    prefixes = _language_prefixes()
    widened = {}
    for target in targets:
        parts = urlsplit(target.url)
        path = parts.path or "/"
        for prefix in prefixes:
            if path.startswith(prefix + "/"):
                path = path.removeprefix(prefix)
                break
        for prefix in ["", *prefixes]:
            url = urlunsplit(parts._replace(path=prefix + path))
            widened.setdefault(url, target._replace(url=url))
    return list(widened.values())


def purge(targets=None):
    """Pages stored for ``targets`` (every cached page if None) are stale from now on (their
    generation is no longer current); a front-end cache (CDN, Varnish) is told the same
    URLs, or of a whole purge, by a Celery task when ``WAGTAILFRONTENDCACHE`` is set."""
    if targets is not None:
        targets = in_every_language(targets)
    scopes = [GENERATION_KEY] if targets is None else _purged_scopes(targets)
    try:
        store().set_many({scope: secrets.token_hex(8) for scope in scopes}, None)
    except Exception:
        # Pages then stay up to TAPESTRY_PAGE_CACHE_SECONDS old; publishing must not fail.
        logger.exception("Could not purge the page cache")
    if frontend_cache.configured() and (targets is None or targets):
        purge_frontend(targets)


def _purged_scopes(targets):
    """One generation per target, less those never stored (calendar feeds, forms) and
    those a purged tree already covers (an event's occurrences are named for a front-end
    cache; here its tree drops them): fewer writes, and fewer keys pushing pages out of a
    bounded cache."""
    trees = {_target_scope(t) for t in targets if t.tree}
    tree_paths = [scope.removeprefix(TREE) for scope in trees]
    scopes = set(trees)
    for target in targets:
        path = urlsplit(target.url).path or "/"
        if target.tree or any(path.startswith(tree) for tree in tree_paths):
            continue
        if not any(pattern.search(path) for pattern in _skipped_paths()):
            scopes.add(EXACT + path)
    return scopes


def purge_frontend(targets):
    """Queue the front-end purge: each URL once, in batches (every page when None)."""
    frontend_cache.enqueue(None if targets is None else [target.url for target in targets])


def purge_on_commit(targets=None):
    """Purge once the surrounding transaction commits (at once outside one)."""
    transaction.on_commit(lambda: purge(targets))


# Which URLs show a page: given by the apps (campaign imports nothing from them), a
# function (page, parent=None, url=None) -> list of Target, or None for "everything".
_affected_urls = None
# And which show a saved or deleted row of TAPESTRY_PAGE_CACHE_PURGE_MODELS: a function
# (instance) -> list of Target, or None for "everything".
_instance_urls = None


def _nothing_keeps_pages():
    """Neither this cache nor a front-end one is on: a list of URLs to purge would be read
    by no one, and working it out walks indexes, campaigns and feeds on every publish and
    save. The whole purge instead is one write, and it also covers pages kept before the
    cache was turned off, should it be turned on again while they live."""
    return not enabled() and not frontend_cache.configured()


def _targets(page, **position):
    if _affected_urls is None or _nothing_keeps_pages():
        return None
    try:
        return _affected_urls(page.specific, **position)
    except Exception:
        logger.exception("Could not list the pages showing %r; purging everything", page)
        return None


def _instance_targets(instance):
    if _instance_urls is None or _nothing_keeps_pages():
        return None
    try:
        return _instance_urls(instance)
    except Exception:
        logger.exception("Could not list the pages showing %r; purging everything", instance)
        return None


def _saved_receiver(sender, instance, raw=False, created=False, **kwargs):
    if raw or (created and sender._meta.label in settings.TAPESTRY_PAGE_CACHE_IGNORE_NEW):
        return
    purge_on_commit(_instance_targets(instance))


def _deleting_receiver(sender, instance, **kwargs):
    # Before the delete: the rows pointing at it (events of a partner) are still there.
    purge_on_commit(_instance_targets(instance))


def _page_deleted_receiver(sender, **kwargs):
    purge_on_commit()


def _page_receiver(sender, instance, **kwargs):
    purge_on_commit(_targets(instance))


def _moved_receiver(sender, instance, parent_page_before=None, url_path_before=None, **kwargs):
    """A move: the pages showing it at its new place and at its old one."""
    after = _targets(instance)
    slug_before = (url_path_before or "").rstrip("/").rsplit("/", 1)[-1]
    before = None
    if parent_page_before is not None and slug_before:
        url = (parent_page_before.get_url() or "") + slug_before + "/"
        before = _targets(instance, parent=parent_page_before, url=url)
    purge_on_commit(None if after is None or before is None else after + before)


def _slug_changed_receiver(sender, instance, instance_before, **kwargs):
    after, before = _targets(instance), _targets(instance_before)
    purge_on_commit(None if after is None or before is None else after + before)


def connect_purge_signals(affected_urls=None, instance_urls=None):
    """Purge when pages are published, unpublished, moved or deleted, or when a model
    named in ``TAPESTRY_PAGE_CACHE_PURGE_MODELS`` (snippets, settings, restrictions that
    pages show or obey) is saved or deleted. Called from an app's ``ready()``, so the web
    server, Celery worker (scheduled publishing) and management commands all purge.

    With ``affected_urls`` (see ``_affected_urls``), a published, unpublished or moved page
    purges only the URLs it returns, and with ``instance_urls`` a saved or deleted row of
    those models; deleting a page purges all."""
    global _affected_urls, _instance_urls
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    _affected_urls = affected_urls
    _instance_urls = instance_urls
    uid = "campaign.pagecache"
    page_published.connect(_page_receiver, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_page_receiver, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_moved_receiver, dispatch_uid=f"{uid}.moved")
    page_slug_changed.connect(_slug_changed_receiver, dispatch_uid=f"{uid}.slug")
    # Sent for the Page row of every deleted page, whatever its class.
    post_delete.connect(_page_deleted_receiver, sender=Page, dispatch_uid=f"{uid}.deleted")
    for label in settings.TAPESTRY_PAGE_CACHE_PURGE_MODELS:
        model = apps.get_model(label)
        post_save.connect(_saved_receiver, sender=model, dispatch_uid=f"{uid}.saved.{label}")
        pre_delete.connect(_deleting_receiver, sender=model, dispatch_uid=f"{uid}.gone.{label}")
