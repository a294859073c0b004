"""Feed entries as read in each language of the site.

A translation has no entry of its own (its dates are its source's), but a reader who
subscribes under /es/ should see the words of the Spanish translation where there is one,
links that open the Spanish interface, and the feed's own words ("Online") in Spanish.
Every entry is therefore stored once per language (``FeedFragment.translated_ical``).
"""

import copy

from django.conf import settings
from django.utils import translation

from events.calendar.models import CampaignPage, EventPage
from events.calendar.models.translated_pages import in_reader_language
from events.core.models.reader_language import reading_source_language


def other_languages():
    """The site's languages other than its source language, whose entries are stored."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def stored_language():
    """The key of the active language's stored entries, or None for the source language."""
    if reading_source_language():
        return None
    active = translation.get_language()
    return active if active in other_languages() else None


def as_read(pages):
    """``pages`` (source-language events and campaigns) as the active language's reader
    sees them: each wears its live translation in that language, and an event's campaign
    too (its title is one of the event's categories). The same objects in the source
    language; one query per model otherwise."""
    pages = list(pages)
    if reading_source_language():
        return pages
    # Copies: wearing a campaign must not change the caller's (source-language) objects.
    events = [
        copy.copy(event)
        for event in in_reader_language([page for page in pages if isinstance(page, EventPage)])
    ]
    campaigns = in_reader_language([page for page in pages if isinstance(page, CampaignPage)])
    _wear_campaigns(events)
    shown = {page.pk: page for page in (*events, *campaigns)}
    return [shown[page.pk] for page in pages]


def _wear_campaigns(events):
    named = {event.campaign.pk: event.campaign for event in events if _campaign(event)}
    if not named:
        return
    worn = {campaign.pk: campaign for campaign in in_reader_language(named.values())}
    for event in events:
        if _campaign(event):
            event.campaign = worn[event.campaign_id]


def _campaign(event):
    return event.campaign if event.campaign_id else None
