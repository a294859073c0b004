"""Each live page's entry, serialised once when the page changes into a ``FeedFragment``
row (with the TZIDs it uses), so that a feed is assembled without rendering."""

import hashlib

from django.utils import timezone

from events.calendar.models import CampaignPage, EventPage, FeedFragment
from events.calendar.services.feed_cache import invalidate
from events.calendar.services.feed_entries import entry_components, tzids_of


def _load_event(page_id):
    return (
        EventPage.objects.select_related("kind", "venue", "campaign")
        .prefetch_related("exceptions")
        .get(pk=page_id)
    )


def render_fragment(page, revised=None):
    """The fragment text and TZIDs for a live event or campaign page."""
    text = b"".join(component.to_ical() for component in entry_components(page, revised))
    return text.decode("utf-8"), ",".join(tzids_of(page))


def store_fragment(page, *, now=None):
    """Render the page's entry and keep it; returns True when its bytes changed."""
    page = page.specific
    if isinstance(page, EventPage):
        page = _load_event(page.pk)
    # The digest is of the text with the material stamp alone: an edit that changes any
    # byte (a title too) is then stored with LAST-MODIFIED = now, so clients re-read it.
    probe, tzids = render_fragment(page)
    digest = hashlib.sha256(probe.encode()).hexdigest()
    existing = FeedFragment.objects.filter(page_id=page.pk).values_list("digest", flat=True)
    if existing and existing[0] == digest:
        return False
    revised = (now or timezone.now()).replace(microsecond=0)
    text, _tzids = render_fragment(page, revised)
    FeedFragment.objects.update_or_create(
        page_id=page.pk,
        defaults={"ical": text, "tzids": tzids, "digest": digest, "rendered_at": revised},
    )
    invalidate()
    return True


def delete_fragment(page_id):
    deleted, _ = FeedFragment.objects.filter(page_id=page_id).delete()
    if deleted:
        invalidate()


def store_all(*, now=None):
    """Re-render every live entry (daily, and after bulk imports). Returns changed count."""
    changed = 0
    live_ids = set()
    for model in (CampaignPage, EventPage):
        for page in model.objects.live().in_source_language().iterator(chunk_size=200):
            live_ids.add(page.pk)
            changed += store_fragment(page, now=now)
    stale = FeedFragment.objects.exclude(page_id__in=live_ids)
    if stale.exists():
        stale.delete()
        invalidate()
    return changed
