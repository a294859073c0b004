"""Which events and campaigns each feed holds, and under which calendar name."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.organisation import organisation_name
from events.calendar.models import CampaignPage, EventPage, EventStatus


def tombstone_days():
    return getattr(settings, "TAPESTRY_FEED_TOMBSTONE_DAYS", 30)


@dataclass(frozen=True)
class Selection:
    """What one feed contains: a cache key, a calendar name, and lazy querysets of ids."""

    key: str
    name: str
    description: str
    events: object  # an EventPage queryset
    campaigns: object = None  # a CampaignPage queryset, or None
    # Filtered feeds: exactly these meetings (an Occurrence queryset), one entry each.
    occurrences: object = None


def site_selection(filter_data=None):
    from events.calendar.services import listing

    events = EventPage.objects.in_source_language()
    if filter_data:
        _filterset, occurrences = listing.apply_filters(filter_data)
        events = events.filter(pk__in=occurrences.values("event_id"))
        pairs = sorted((k, v) for k in filter_data for v in filter_data.getlist(k))
        return Selection(
            key="site?" + urlencode(pairs),
            name=_("%(organisation)s: selected events") % {"organisation": organisation_name()},
            description=_("Events matching a search on this site."),
            events=events,
            occurrences=occurrences,
        )
    return Selection(
        key="site",
        name=_("%(organisation)s: all events") % {"organisation": organisation_name()},
        description=_("Every event and campaign on this site."),
        events=events,
        campaigns=CampaignPage.objects.in_source_language(),
    )


def campaign_selection(campaign):
    return Selection(
        key=f"campaign:{campaign.pk}",
        name=campaign.title,
        description=campaign.theme or _("Events of %(title)s") % {"title": campaign.title},
        events=EventPage.objects.in_source_language().filter(campaign=campaign),
        campaigns=CampaignPage.objects.filter(pk=campaign.pk),
    )


def kind_selection(kind):
    return Selection(
        key=f"kind:{kind.pk}",
        name=f"{organisation_name()}: {kind.name}",
        description=kind.description or _("%(kind)s events") % {"kind": kind.name},
        events=EventPage.objects.in_source_language().filter(kind=kind),
    )


def event_selection(event):
    return Selection(
        key=f"event:{event.pk}",
        name=event.title,
        description=event.summary,
        events=EventPage.objects.filter(pk=event.pk),
    )


def visible_events(queryset, *, now=None, show_cancelled=True):
    """Live public events; cancelled ones stay as tombstones for a while (or hidden)."""
    now = now or timezone.now()
    queryset = queryset.live().public()
    if not show_cancelled:
        return queryset.exclude(status=EventStatus.CANCELLED)
    cutoff = now - timedelta(days=tombstone_days())
    return queryset.exclude(status=EventStatus.CANCELLED, last_material_change__lt=cutoff)
