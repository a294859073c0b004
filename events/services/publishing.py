"""What happens when an event or campaign is published, unpublished or its venue changes.

Called from Wagtail's page signals (``events.signals``); plain functions so tests and the
demo loader can call them directly.
"""

from events.models import CampaignPage, EventPage
from events.services import changes, occurrences


def page_published(page, *, now=None):
    page = page.specific
    if isinstance(page, EventPage):
        changes.record(page, now=now)
        occurrences.refresh_event(page, now=now)
    elif isinstance(page, CampaignPage):
        changes.record(page, now=now)


def page_unpublished(page):
    page = page.specific
    if isinstance(page, EventPage):
        occurrences.clear_event(page.pk)


def venue_changed(venue, *, now=None):
    """A venue's address is part of where its events happen: record that change."""
    for event in EventPage.objects.live().filter(venue=venue):
        changes.record(event, now=now)
        occurrences.refresh_event(event, now=now)
