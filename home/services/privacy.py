"""View restrictions, read once per request.

Wagtail asks the database about view restrictions every time: the page view (its own
page and ancestors, two queries), each ``.public()`` listing and each share-card check.
Within a request the answer is taken as fixed, so the restricted pages are read once,
when first needed, and kept until the request ends (``request_memo``); outside a request
every call asks the database, as Wagtail does.
"""

from wagtail.models import PageViewRestriction

from events.calendar.services import restrictions
from home.services import request_memo


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (sorted)."""
    return request_memo.remember("restricted_paths", _read_restricted_paths)


def _read_restricted_paths():
    return sorted(set(restrictions.restricted_paths()))


def public(pages):
    """``pages.public()`` (Wagtail's rule: no restricted page nor any descendant of one)."""
    paths = restricted_paths()
    if not paths:
        return pages
    return pages.filter(restrictions.outside(paths))


def is_restricted_path(path):
    """Whether the page at tree ``path`` is hidden by ``public`` (no query after the first)."""
    return any(path.startswith(restricted) for restricted in restricted_paths())


def view_restrictions(page, wagtail_lookup):
    """The restrictions that apply to ``page``: none, without a query, when the site has
    no restriction at all (the usual case); else Wagtail's own lookup (which also follows
    aliases to their source pages)."""
    if not restricted_paths():
        return PageViewRestriction.objects.none()
    return wagtail_lookup()
