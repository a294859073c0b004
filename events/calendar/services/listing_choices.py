"""The listing filter's choices (campaigns, kinds, partners, languages), remembered.

Drawing the filter form asked the database four times on every listing view for lists
that change only when an editor changes them. They are kept in the cache under the
editorial stamp (``events.core.services.editorial_stamp``), which publishing,
unpublishing, moving or deleting a page and saving or deleting a kind or a partner
replace, now and again when the change commits (a list read in between is not kept
either). Kept per interface language: names are translated.
"""

from django.utils import translation

from events.core.services import editorial_stamp


def remembered(name, compute):
    """``compute()`` (a list of plain values), kept until the next editorial change."""
    return editorial_stamp.kept_shared(
        f"listing-choices:{translation.get_language()}:{name}", lambda: list(compute())
    )
