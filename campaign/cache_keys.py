"""The cache's keys: what one release of the code drew is never read by another.

Pieces of pages, whole pages, feeds and kept rows stay in the shared cache for up to a
day, keyed on what they show but not on the code that drew them: after a deploy that
changes a template, a view or a translation, the old markup would be served until an
editor changed something. Django's cache builds every key through ``release_scoped_key``
(``KEY_FUNCTION`` in the settings), which puts the release (``TAPESTRY_RELEASE``,
campaign/settings/release.py) in it: a new release starts from an empty cache and the old
entries age out.

A few keys must mean the same to every release: the stamps and generations that say
what has gone out of date (a worker on one release renews them for web nodes on another,
and during a rolling deploy both kinds run at once) and the counters of what people did
(rate limits and seat holds, which a deploy must not reset). Their names are made with
``shared_key`` and carry no release. Neither do copies of rows that a change deletes from
the cache rather than outdates (Django's cached sessions, Wagtail's site root paths and
renditions): a deletion made by one release must reach what another stored.
"""

from django.conf import settings

SHARED = "shared:"
# Keys with no release: ours; Django's cached sessions ("cache" and "cached_db");
# Wagtail's site root paths and renditions.
UNSCOPED = (
    SHARED,
    "django.contrib.sessions.cache",
    "wagtail_site_root_paths",
    "wagtail-rendition-",
)


def shared_key(name):
    """The cache key ``name``, read alike by every release."""
    return SHARED + name


def release_scoped_key(key, key_prefix, version):
    """Django's default key, with the running release after the version, unless ``key``
    is one of the ``UNSCOPED``."""
    key = str(key)
    if not key.startswith(UNSCOPED):
        key = f"{settings.TAPESTRY_RELEASE}:{key}"
    return f"{key_prefix}:{version}:{key}"
