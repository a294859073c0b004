"""Where an imported event came from, for the line on its page and in the admin."""

from dataclasses import dataclass
from datetime import datetime

from events.core.services import editorial_stamp
from events.imports.models import ImportedItem


@dataclass(frozen=True)
class Provenance:
    name: str  # the partner's name, or the source's when it names no partner
    updated: datetime | None  # the source's last successful pull
    withdrawn: bool


def for_page(page):
    """The page's import line, or None for a page never imported. An item is made only
    with its page (``sync``), in the transaction of the page's first save, which replaces
    the editorial stamp: whether a page was imported is kept under it, so most pages ask
    nothing. What the line says (the last pull, a withdrawal) is read afresh."""
    imported = editorial_stamp.kept_here(
        f"imported:{page.pk}",
        lambda: ImportedItem.objects.filter(page_id=page.pk).exists(),
        room="pages",
    )
    if not imported:
        return None
    item = (
        ImportedItem.objects.filter(page_id=page.pk)
        .select_related("source", "source__partner")
        .only(
            "withdrawn_at",
            "source__name",
            "source__last_success_at",
            "source__partner__name",
        )
        .first()
    )
    if item is None:
        return None
    source = item.source
    return Provenance(
        name=source.partner.name if source.partner else source.name,
        updated=source.last_success_at,
        withdrawn=item.withdrawn_at is not None,
    )
