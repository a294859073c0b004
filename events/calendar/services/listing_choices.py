"""The listing filter's choices (campaigns, kinds, partners, languages), remembered.

Drawing the filter form asked the database four times on every listing view for lists
that change only when an editor changes them. They are kept in the cache under the
editorial stamp (``events.core.services.editorial_stamp``), which publishing,
unpublishing, moving or deleting a page and saving or deleting a kind or a partner
replace, now and again when the change commits (a list read in between is not kept
either). Kept per interface language: names are translated.
"""

from django.core.cache import cache
from django.utils import translation

from events.core.services import editorial_stamp

TIMEOUT = 24 * 60 * 60


def stamp():
    """Replaced by every editorial change to what the choices show."""
    return editorial_stamp.current()


def remembered(name, compute):
    """``compute()`` (a list of plain values), kept until the next editorial change."""
    key = f"events:listing-choices:{stamp()}:{translation.get_language()}:{name}"
    found = cache.get(key)
    if found is None:
        found = list(compute())
        cache.set(key, found, TIMEOUT)
    return found
