"""Which pages sit behind a view restriction (a password, a login, a group): read once.

Wagtail asks the database every time: the page view (the page and its ancestors, two
queries), each ``.public()`` listing, each share-card check, each page of a list. The
restrictions themselves are few, so their tree paths are read in one query and every one
of those questions is answered from them. The paths are kept under the editorial stamp,
which adding, changing or removing a restriction, and moving or deleting a page, replace
(``editorial_stamp``); within one request the first answer stands (``request_memo``).
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from events.core.services import editorial_stamp, request_memo


def restricted_paths():
    """Tree paths of the pages that carry a restriction (it covers their descendants too),
    sorted; within one request the first answer stands."""
    return request_memo.remember(
        "restricted_paths",
        lambda: editorial_stamp.kept_here("restricted-paths", _read_restricted_paths),
    )


def _read_restricted_paths():
    return tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))


def is_restricted_path(path, paths=None):
    """Whether the page at tree ``path`` is hidden from the public."""
    paths = restricted_paths() if paths is None else paths
    return any(path.startswith(restricted) for restricted in paths)


def is_restricted(page, paths=None):
    return is_restricted_path(page.path, paths)


def outside(paths, prefix=""):
    """A filter for pages (``prefix``: the lookup to them) under none of ``paths``: what
    Wagtail's ``public()`` does, from paths read once."""
    hidden = Q()
    for path in paths:
        hidden |= Q(**{f"{prefix}path__startswith": path})
    return ~hidden if hidden else Q()


def public(pages, prefix=""):
    """``pages.public()`` (Wagtail's rule: no restricted page nor any descendant of one),
    without a query of its own once the paths are read."""
    paths = restricted_paths()
    return pages.filter(outside(paths, prefix)) if paths else pages


def view_restrictions(page, wagtail_lookup):
    """The restrictions that apply to ``page``: none, without a query, when no restricted
    path covers it (the usual case); else Wagtail's own lookup (which also follows aliases
    to their source pages, so an alias is always asked)."""
    if not restricted_paths():
        return _none_already_read()
    if page.alias_of_id is None and page.path and not is_restricted_path(page.path):
        return _none_already_read()
    return wagtail_lookup()


def _none_already_read():
    """No restrictions, as a queryset already read: Wagtail's serve hook iterates it and
    the share card asks ``exists()``, and on an empty ``none()`` each of those still went
    through the ORM's compiler (about 0.15 ms a page view, for nothing). A queryset made
    from it (``filter``, ``first``) is a new one, read as usual."""
    found = PageViewRestriction.objects.none()
    found._result_cache = []
    return found
