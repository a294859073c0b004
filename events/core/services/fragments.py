"""Rendered pieces of public pages kept in the cache under a key made of what they show.

The key is a digest of every value the piece is rendered from (plus the language and the
time zone), so there is nothing to invalidate: an edited, approved or removed item changes
the digest and the next request renders afresh; an old copy simply ages out. Only for
pieces that are the same for every reader: never anything per person (forms, CSRF tokens,
sign-up state, the admin bar).
"""

import hashlib
import math

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from events.core.services import editorial_stamp

# Long enough to outlive many requests; the key changes with the content anyway.
FRAGMENT_SECONDS = 60 * 60


def key_for(name, values):
    """The cache key of piece ``name`` rendered from ``values`` (any reprs that name what
    it shows) in the active language and time zone."""
    digest = hashlib.blake2b(digest_size=16)
    for value in (translation.get_language(), timezone.get_current_timezone_name(), *values):
        digest.update(repr(value).encode())
        digest.update(b"\0")
    return f"fragment:{name}:{digest.hexdigest()}"


def render_kept(name, template_name, context, values):
    """``template_name`` rendered with ``context``, from the cache when ``values`` (what
    it shows) are unchanged."""
    return kept(name, values, lambda: render_to_string(template_name, context))


def kept(name, values, render):
    """The HTML ``render()`` returns, from the cache while ``values`` are unchanged: for a
    piece whose context is itself costly to gather (its queries run only on a miss). A
    piece in several places of a page is a dict of their HTML, kept and read as one."""
    key = key_for(name, values)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_SECONDS)
    return _safe(html)


def kept_until(name, values, render, now):
    """As ``kept``, for a piece that also changes with the clock: ``render()`` returns
    (html, until), and the HTML is used while ``now`` is before ``until`` (None: no end
    but the values'). Kept no longer than that either."""
    key = key_for(name, values)
    found = cache.get(key)
    if found is not None and (found[1] is None or now < found[1]):
        return _safe(found[0])
    html, until = render()
    seconds = FRAGMENT_SECONDS
    if until is not None:
        seconds = max(1, min(seconds, math.ceil((until - now).total_seconds())))
    cache.set(key, (html, until), seconds)
    return _safe(html)


def kept_for_request(name, request, values, render, now=None):
    """A section of a page kept under the editorial stamp (what only editors change), the
    host (an address on another site is written out in full) and ``values``, from
    ``render()`` as ``kept`` takes it, or as ``kept_until`` does when ``now`` is given. A
    preview draws a draft, so it is always drawn afresh and never kept."""
    if getattr(request, "is_preview", False):
        html = render()
        return _safe(html if now is None else html[0])
    keys = (editorial_stamp.current(), request.get_host(), *values)
    if now is None:
        return kept(name, keys, render)
    return kept_until(name, keys, render, now)


def _safe(html):
    """Rendered HTML (a string, or a dict of them) marked safe: escaped by its template."""
    if isinstance(html, dict):
        return {part: mark_safe(text) for part, text in html.items()}  # noqa: S308
    return mark_safe(html)  # noqa: S308 - rendered by a template, escaped there


def render_kept_filters(name, template_name, context, request, form, values=()):
    """A GET filter form, rendered with ``context`` plus the form and its action (this
    path), from the cache while the query's values for its fields, the path and
    ``values`` (whatever else it shows: its options, its words) are unchanged. The page
    number and other parameters are not the form's, so they do not count."""
    query = sorted((field, got) for field, got in request.GET.lists() if field in form.fields)
    context = {**context, "filter_form": form, "action": request.path}
    return render_kept(name, template_name, context, (request.path, query, *values))


def render_each(name, template_name, pieces):
    """Each of ``pieces`` (context, values) rendered with ``template_name``, from the cache
    where its values are unchanged: one cache read for them all and one write for those
    rendered afresh. Kept one by one, so a piece shown in many lists (an event card in
    every filter's results) is rendered once for all of them."""
    keys = [key_for(name, values) for _context, values in pieces]
    kept = cache.get_many(keys) if keys else {}
    template = None
    fresh = {}
    shown = []
    for key, (context, _values) in zip(keys, pieces, strict=True):
        html = kept.get(key, fresh.get(key))  # an empty rendering is kept too
        if html is None:
            template = template or get_template(template_name)
            html = fresh[key] = template.render(context)
        shown.append(mark_safe(html))  # noqa: S308 - rendered by a template, escaped there
    if fresh:
        cache.set_many(fresh, FRAGMENT_SECONDS)
    return shown
