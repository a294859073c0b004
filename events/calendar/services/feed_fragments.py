"""Each live page's entry, serialised once when the page changes into a ``FeedFragment``
row (with the TZIDs it uses), so that a feed is assembled without rendering: in the
site's language, and as read in each of its other languages (``feed_languages``)."""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from wagtail.models import Locale

from events.calendar.models import CampaignPage, EventPage, FeedFragment
from events.calendar.services.feed_cache import invalidate
from events.calendar.services.feed_entries import entry_components, meetings_of, tzids_of
from events.calendar.services.feed_languages import as_read, other_languages


def load_event(page_id, *also):
    """The event as its entry is rendered from: its kind, venue and campaign joined, its
    skipped dates read (and the relations named in ``also``)."""
    return (
        EventPage.objects.select_related("kind", "venue", "campaign")
        .prefetch_related("exceptions", *also)
        .get(pk=page_id)
    )


def render_fragment(page, revised=None):
    """The fragment text and TZIDs for a live event or campaign page."""
    text = b"".join(component.to_ical() for component in entry_components(page, revised))
    return text.decode("utf-8"), ",".join(tzids_of(page))


def _in_every_language(page, revised=None, occurrences=None):
    """{language: (text, stamp)} of the page's entry, the source language under its own
    code; ``stamp`` is the earliest DTSTAMP in the text (None if a component has none).
    ``occurrences``: the event's ``meetings_of()``, shared by every language's copy."""
    entries = {}
    for language in (settings.LANGUAGE_CODE, *other_languages()):
        # Whatever language the publishing request was in, each copy is in its own.
        with translation.override(language):
            (shown,) = as_read([page])
            components = entry_components(shown, revised, occurrences)
            text = b"".join(component.to_ical() for component in components).decode("utf-8")
        stamps = [component.get("DTSTAMP") for component in components]
        stamp = None if None in stamps else min(value.dt for value in stamps)
        entries[language] = (text, stamp)
    return entries


def store_fragment(page, *, now=None, loaded=False):
    """Render the page's entry and keep it; returns True when its bytes changed. A
    translation's words are part of its source's entry: storing a translation stores its
    source's. ``loaded``: the page is a source-language event just read by ``load_event``
    (as publishing reads it once for all it does), not to be read again."""
    if not loaded:
        page = _source_of(page.specific)
        if page is None:
            return False
        if isinstance(page, EventPage):
            page = load_event(page.pk)
    # The digest is of the text with the material stamp alone: an edit that changes any
    # byte (a title too, in any language) is then stored with LAST-MODIFIED = now, so
    # clients re-read it.
    # The event's meetings are the same in every language and at every stamp: one
    # queryset, read (by a repeating event's entry) at most once for every copy below.
    occurrences = meetings_of(page) if isinstance(page, EventPage) else None
    probe = _in_every_language(page, occurrences=occurrences)
    digest = hashlib.sha256("".join(text for text, _ in probe.values()).encode()).hexdigest()
    existing = FeedFragment.objects.filter(page_id=page.pk).values_list("digest", flat=True)
    if existing and existing[0] == digest:
        return False
    revised = (now or timezone.now()).replace(microsecond=0)
    # An entry's DTSTAMP and LAST-MODIFIED are its last material change, or ``revised``
    # when that is later (feed_entries): a text already stamped no earlier than
    # ``revised`` is the text rendered with it, byte for byte, and is not rendered again.
    if all(stamp is not None and revised <= stamp for _, stamp in probe.values()):
        texts = {language: text for language, (text, _) in probe.items()}
    else:
        texts = {
            language: text
            for language, (text, _) in _in_every_language(page, revised, occurrences).items()
        }
    values = {
        "ical": texts.pop(settings.LANGUAGE_CODE),
        "translated_ical": texts,
        "tzids": ",".join(tzids_of(page)),
        "digest": digest,
        "rendered_at": revised,
    }
    _write(page.pk, values, exists=bool(existing))
    invalidate()
    return True


def _write(page_id, values, *, exists):
    """The page's row holds ``values``. Whether it exists was read just above with its
    digest: it is then updated in one statement, else inserted; an insert that finds the
    row stored meanwhile (two publishes at once) updates it instead."""
    rows = FeedFragment.objects.filter(page_id=page_id)
    if exists and rows.update(**values):
        return
    try:
        with transaction.atomic():
            FeedFragment.objects.create(page_id=page_id, **values)
    except IntegrityError:
        rows.update(**values)


def _source_of(page):
    """The live source-language page whose entry holds ``page``'s words, or None."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    source = page.get_translation_or_none(default)
    return source.specific if source is not None and source.live else None


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
