"""Whole-page cache for anonymous readers: which requests and responses may be stored, and
the purge.

A cached page is stored with the cache "generation" that was current when its request
began. Publishing anything a page may show replaces the generation, so every stored page
is stale at once. Editors publish a few times a day while readers fetch pages thousands of
times, so dropping the whole cache then costs little and never leaves a page out of date
(working out which pages show a changed venue or author would be easy to get wrong). The
purge runs after the publishing transaction commits, and a page rendered from the old rows
is stored under the old generation, so it can never outlive the purge.

What changes without a publish (seats left on a shift, "upcoming" lists as days pass) is
at most ``TAPESTRY_PAGE_CACHE_SECONDS`` old; the sign-up form itself is never cached.
"""

import hashlib
import logging
import re
import secrets
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
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


def current_generation(cached):
    """The generation (from a ``get_many`` answer), created if the cache has none yet."""
    generation = cached.get(GENERATION_KEY)
    if generation is None:
        store().add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = store().get(GENERATION_KEY)
    return generation


def lookup(request):
    """(stored response or None, generation, key). One cache round trip on a hit."""
    key = page_key(request)
    cached = store().get_many([GENERATION_KEY, key])
    generation = current_generation(cached)
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


def purge():
    """Every cached page is stale from now on (its generation is no longer current)."""
    try:
        store().set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:
        # Pages then stay up to TAPESTRY_PAGE_CACHE_SECONDS old; publishing must not fail.
        logger.exception("Could not purge the page cache")


def purge_on_commit():
    """Purge once the surrounding transaction commits (at once outside one)."""
    transaction.on_commit(purge)


def _purge_receiver(sender, raw=False, created=False, **kwargs):
    if raw or (created and sender._meta.label in settings.TAPESTRY_PAGE_CACHE_IGNORE_NEW):
        return
    purge_on_commit()


def connect_purge_signals():
    """Purge when pages are published, unpublished, moved or deleted, or when a model
    named in ``TAPESTRY_PAGE_CACHE_PURGE_MODELS`` (snippets, settings, restrictions that
    pages show or obey) is saved or deleted. Called from an app's ``ready()``, so the web
    server, Celery worker (scheduled publishing) and management commands all purge."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "campaign.pagecache"
    page_published.connect(_purge_receiver, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_purge_receiver, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_purge_receiver, dispatch_uid=f"{uid}.moved")
    # Sent for the Page row of every deleted page, whatever its class.
    post_delete.connect(_purge_receiver, sender=Page, dispatch_uid=f"{uid}.deleted")
    for label in settings.TAPESTRY_PAGE_CACHE_PURGE_MODELS:
        model = apps.get_model(label)
        post_save.connect(_purge_receiver, sender=model, dispatch_uid=f"{uid}.saved.{label}")
        post_delete.connect(_purge_receiver, sender=model, dispatch_uid=f"{uid}.gone.{label}")
