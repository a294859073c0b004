"""What happens when an event or campaign is published, unpublished, moved or its venue
or kind changes. Called from Wagtail's and Django's signals (``events.signals``); plain
functions so tests and the demo loader can call them directly.
"""

from wagtail.models import Locale

from events.bookings.services import registrations, shifts
from events.calendar.models import CampaignPage, EventPage
from events.calendar.services import changes, feed_fragments, occurrences


def page_published(page, *, now=None):
    page = page.specific
    if not _is_source(page):
        # A translation shares its source's dates, seats and feeds: only the source page
        # makes occurrences, shifts and registrations, so nothing is listed or booked twice.
        # Its words are part of its source's feed entry, as read in its language.
        translation_changed(page, now=now)
        return
    if isinstance(page, EventPage):
        event = _follow_event(page.pk, now)
        # The published instance carries the calendar identity just recorded.
        for field in IDENTITY_FIELDS:
            setattr(page, field, getattr(event, field))
    elif isinstance(page, CampaignPage):
        changes.record(page, now=now)
        _store_campaign_entries(page, now)


IDENTITY_FIELDS = ("material_fingerprint", "sequence", "last_material_change")


def _follow_event(event_id, now):
    """A live source-language event's rows follow its page: its change record, occurrences,
    feed entry, shifts and registrations. The event is read once for all of them, with
    what each reads of it (its kind, venue, campaign, skipped dates, changed meetings and
    shifts), instead of once or more by each."""
    event = feed_fragments.load_event(event_id, "overrides", "shifts")
    changes.record(event, now=now, just_read=True)
    occurrences.refresh_event(event, now=now)
    feed_fragments.store_fragment(event, now=now, loaded=True)
    shifts.sync(event, now=now)
    registrations.sync(event, now=now)
    return event


def _store_campaign_entries(campaign, now):
    feed_fragments.store_fragment(campaign, now=now)
    # Event entries name their campaign in CATEGORIES.
    _store_event_entries(EventPage.objects.filter(campaign=campaign), now)


def _store_event_entries(events, now):
    """Store again the entries of the live source-language ``events``: each is read once,
    as its entry is rendered from (their ids alone first: there are often none)."""
    for event_id in events.live().in_source_language().values_list("pk", flat=True):
        event = feed_fragments.load_event(event_id)
        feed_fragments.store_fragment(event, now=now, loaded=True)


def _is_source(page):
    return page.locale_id == Locale.get_default().pk


def translation_changed(page, *, now=None):
    """A translation of an event or campaign was published or unpublished: its source's
    entry (and, for a campaign, the entries of events naming it) is stored again."""
    if isinstance(page, EventPage):
        feed_fragments.store_fragment(page, now=now)
    elif isinstance(page, CampaignPage):
        source = page.get_translation_or_none(Locale.get_default())
        if source is not None and source.live:
            _store_campaign_entries(source.specific, now)


def page_unpublished(page):
    page = page.specific
    if not _is_source(page):
        translation_changed(page)
        return
    if isinstance(page, EventPage):
        occurrences.clear_event(page.pk)
    feed_fragments.delete_fragment(page.pk)


def page_moved(page, *, now=None):
    """A move or a new slug changes the URLs in this entry and in those below it."""
    for descendant in page.get_descendants(inclusive=True).live().specific():
        if isinstance(descendant, EventPage | CampaignPage):
            feed_fragments.store_fragment(descendant, now=now)


def venue_changed(venue, *, now=None):
    """A venue's address is part of where its events happen: record that change."""
    live = EventPage.objects.live().in_source_language().filter(venue=venue)
    for event_id in live.values_list("pk", flat=True):
        _follow_event(event_id, now)


def kind_changed(kind, *, now=None):
    _store_event_entries(EventPage.objects.filter(kind=kind), now)
