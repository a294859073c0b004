"""The public face of partners: which ones the index lists, and one partner's upcoming
events. Both go through the calendar's public listing, so the same gate applies (live,
public, with private details left to the cards that already hide them)."""

from django.db.models import Q

from events.calendar.models import EventPage
from events.calendar.services import listing
from events.partners.models import Partner

PAGE_EVENTS = 30


def hosted_by(partner):
    """Ids of the events a partner organises or co-hosts (a subquery: no duplicates)."""
    hosted = EventPage.objects.in_source_language()
    return hosted.filter(Q(organiser=partner) | Q(co_hosts=partner)).values("pk")


def upcoming_occurrences(partner, limit=PAGE_EVENTS, now=None):
    """The partner's next public meetings, in start order, at most ``limit``."""
    occurrences = listing.public_occurrences().filter(event__in=hosted_by(partner))
    return listing.upcoming(occurrences, now)[:limit]


def with_upcoming_events(now=None):
    """Partners that organise or co-host at least one upcoming public meeting, by name."""
    upcoming_ids = listing.upcoming(listing.public_occurrences(), now).values("event_id")
    return (
        Partner.objects.filter(
            Q(organised_events__in=upcoming_ids) | Q(co_hosted_events__in=upcoming_ids)
        )
        .distinct()
        .select_related("logo")
        .order_by("name")
    )
