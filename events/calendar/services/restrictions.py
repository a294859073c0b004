"""Which pages sit behind a view restriction (a password, a login, a group), for lists.

A list of shifts or events asking each page's ``get_view_restrictions()`` makes a query per
page; the restrictions themselves are few, so one query for their paths answers them all.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def restricted_paths():
    """Tree paths of the pages that carry a restriction (it covers their descendants too)."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_restricted(page, paths):
    return any(page.path.startswith(path) for path in paths)


def outside(paths, prefix=""):
    """A filter for pages (``prefix``: the lookup to them) under none of ``paths``: what
    Wagtail's ``public()`` does, from paths read once for a page's several lists."""
    hidden = Q()
    for path in paths:
        hidden |= Q(**{f"{prefix}path__startswith": path})
    return ~hidden if hidden else Q()
