"""Public partner pages: the index of partners with upcoming events, one partner's page and
its calendar feed."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from events.calendar.models import EventIndexPage
from events.calendar.services import listing
from events.calendar.views import feeds
from events.partners.models import Partner
from events.partners.services import directory
from events.partners.services.feeds import partner_selection


def _events_url(partner):
    """The events list filtered to this partner (all its events, not just the first page)."""
    index = EventIndexPage.objects.live().public().first()
    return f"{index.url}?partner={partner.slug}" if index and index.url else ""


def index(request):
    partners = directory.with_upcoming_events()
    return render(request, "events/partners_index.html", {"partners": partners})


def detail(request, slug):
    partner = get_object_or_404(Partner.objects.select_related("logo"), slug=slug)
    occurrences = directory.upcoming_occurrences(partner)
    context = {
        "partner": partner,
        "days": listing.group_by_day(occurrences, request),
        "feed_url": reverse("events:partner_feed", args=[partner.slug]),
        "events_url": _events_url(partner),
    }
    return render(request, "events/partner_page.html", context)


def feed(request, slug):
    partner = get_object_or_404(Partner, slug=slug)
    return feeds.serve(request, partner_selection(partner), f"{partner.slug}.ics")
