"""Rendered pieces of public pages kept in the cache under a key made of what they show.

The key is a digest of every value the piece is rendered from (plus the language and the
time zone), so there is nothing to invalidate: an edited, approved or removed item changes
the digest and the next request renders afresh; an old copy simply ages out. Only for
pieces that are the same for every reader: never anything per person (forms, CSRF tokens,
sign-up state, the admin bar).
"""

import hashlib
import threading
from collections import OrderedDict

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from events.core.services import editorial_stamp

# Long enough to outlive many requests; the key changes with the content anyway.
FRAGMENT_SECONDS = 60 * 60
# Kept pieces each process also keeps (the least lately used leaves first): a page's
# sections are a few to some tens of kilobytes.
LOCAL_PIECES = 500

_here = OrderedDict()
_here_lock = threading.Lock()


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
    return _safe(_kept_here(key_for(name, values), render)[0])


def kept_until(name, values, render, now):
    """As ``kept``, for a piece that also changes with the clock: ``render()`` returns
    (html, until), and the HTML is used while ``now`` is before ``until`` (None: no end
    but the values'). Kept no longer than that either."""
    return _safe(kept_value_until(name, values, render, now))


def kept_value_until(name, values, compute, now):
    """As ``kept_until``, for a value that is not markup (a dict of words, say): nothing
    in it is marked safe, so a template still escapes it."""
    return _kept_here(key_for(name, values), compute, now)[0]


def _shared(key, render, now=None):
    """(html, until) from the shared cache, else from ``render()`` and stored there. With
    no ``now``, the piece has no end of its own and is stored as its bare HTML."""
    found = cache.get(key)
    if now is None:
        if found is None:
            found = render()
            cache.set(key, found, FRAGMENT_SECONDS)
        return found, None
    if found is not None and _current(found, now):
        return found
    html, until = render()
    cache.set(key, (html, until), editorial_stamp.seconds_until(until, now, FRAGMENT_SECONDS))
    return html, until


def _current(found, now):
    return found[1] is None or now < found[1]


def kept_for_request(name, request, values, render, now=None):
    """A section of a page kept under the editorial stamp (what only editors change), the
    host (an address on another site is written out in full) and ``values``, from
    ``render()`` as ``kept`` takes it, or as ``kept_until`` does when ``now`` is given. A
    preview draws a draft, so it is always drawn afresh and never kept."""
    if getattr(request, "is_preview", False):
        html = render()
        return _safe(html if now is None else html[0])
    key = key_for(name, (editorial_stamp.current(), request.get_host(), *values))
    return _safe(_kept_here(key, render, now)[0])


def _kept_here(key, render, now=None):
    """(html, until) as ``_shared`` gives it, from this process's copy when it has one
    (``_here``): a key names exactly what its piece shows, so the copy is as good as the
    shared one and costs no round trip to the cache. A copy is used only under the
    editorial stamp it was read under, so none outlives a shared cache that was emptied
    (each request then has a stamp of its own) and each publish sends the process back to
    the shared copy once."""
    here = (key, editorial_stamp.current())
    with _here_lock:
        found = _here.get(here)
        if found is not None:
            _here.move_to_end(here)
    if found is None or not _current(found, now):
        found = _shared(key, render, now)
        with _here_lock:
            _here[here] = found
            while len(_here) > LOCAL_PIECES:
                _here.popitem(last=False)
    return found


def render_parts(prefix, parts, context, request):
    """{part: ``{prefix}{part}.html`` rendered with ``context``}: the sections of one page
    drawn together from one context, to keep as one piece."""
    return {part: render_to_string(f"{prefix}{part}.html", context, request) for part in parts}


def _safe(html):
    """Rendered HTML (a string, or a dict of them) marked safe: escaped by its template."""
    if isinstance(html, dict):
        return {part: mark_safe(text) for part, text in html.items()}  # noqa: S308
    return mark_safe(html)  # noqa: S308 - rendered by a template, escaped there


def render_kept_filters(name, template_name, context, request, form, values=(), *, fields=None):
    """A GET filter form, rendered with ``context`` plus the form and its action (this
    path), from the cache while the query's values for its fields, the path and
    ``values`` (whatever else it shows: its options, its words) are unchanged. The page
    number and other parameters are not the form's, so they do not count. ``fields``:
    the form's field names, given when the form is a lazy object to build only if the
    piece is drawn afresh."""
    names = form.fields if fields is None else fields
    query = sorted((field, got) for field, got in request.GET.lists() if field in names)
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
