"""The listing filter's choices (campaigns, kinds, partners, languages), remembered.

Drawing the filter form asked the database four times on every listing view for lists
that change only when an editor changes them. They are kept in the cache under a stamp
that any such change replaces (``forget``, wired in ``events.signals``): publishing,
unpublishing, moving or deleting a page, and saving or deleting a kind or a partner. The
stamp is replaced again when the change commits, so a list read in between (before the
change was visible) is not kept either. Kept per interface language: names are
translated.
"""

import uuid

from django.core.cache import cache
from django.utils import translation

STAMP_KEY = "events:listing-choices:stamp"
TIMEOUT = 24 * 60 * 60


def stamp():
    """Replaced by every editorial change to what the choices show (``forget``)."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        stamp = uuid.uuid4().hex
        cache.set(STAMP_KEY, stamp, None)
    return stamp


def remembered(name, compute):
    """``compute()`` (a list of plain values), kept until the next editorial change."""
    key = f"events:listing-choices:{stamp()}:{translation.get_language()}:{name}"
    found = cache.get(key)
    if found is None:
        found = list(compute())
        cache.set(key, found, TIMEOUT)
    return found


def forget(*args, **kwargs):
    """Any change to what the choices show: a new stamp now and once it commits."""
    from django.db import transaction

    cache.set(STAMP_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(STAMP_KEY, uuid.uuid4().hex, None))
