"""Calendar feed views: choose a selection, hand it to the feed service, return bytes."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from events.models import CampaignPage, EventKind
from events.services import feeds, listing

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _show_cancelled(request):
    return request.GET.get("cancelled") != "hide"


def _respond(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request):
    return f"{request.scheme}://{request.get_host()}"


def site_feed(request):
    """All events, or exactly those matching the list's filters (same GET parameters)."""
    events = feeds.visible_events(feeds.event_queryset(), show_cancelled=_show_cancelled(request))
    filter_data = request.GET.copy()
    filter_data.pop("cancelled", None)
    campaigns = []
    if filter_data:
        _filterset, occurrences = listing.apply_filters(filter_data)
        events = events.filter(pk__in=occurrences.values("event_id"))
        name, description = "Selected events", "Events matching a search on this site."
    else:
        campaigns = CampaignPage.objects.live().public()
        name, description = "All events", "Every event and campaign on this site."
    calendar = feeds.build_calendar(
        events,
        name=name,
        description=description,
        campaigns=campaigns,
        base_url=_base_url(request),
    )
    return _respond(calendar, "events.ics")


def campaign_feed(request, slug):
    campaign = get_object_or_404(CampaignPage.objects.live().public(), slug=slug)
    events = feeds.visible_events(
        feeds.event_queryset().filter(campaign=campaign), show_cancelled=_show_cancelled(request)
    )
    calendar = feeds.build_calendar(
        events,
        name=campaign.title,
        description=campaign.theme or f"Events of {campaign.title}",
        campaigns=[campaign],
        base_url=_base_url(request),
    )
    return _respond(calendar, f"{slug}.ics")


def kind_feed(request, slug):
    kind = get_object_or_404(EventKind, slug=slug)
    events = feeds.visible_events(
        feeds.event_queryset().filter(kind=kind), show_cancelled=_show_cancelled(request)
    )
    calendar = feeds.build_calendar(
        events, name=kind.name, description=f"{kind.name} events", base_url=_base_url(request)
    )
    return _respond(calendar, f"{slug}.ics")


def event_feed(request, page_id):
    event = get_object_or_404(feeds.event_queryset().live().public(), pk=page_id)
    calendar = feeds.build_calendar(
        [event], name=event.title, description=event.summary, base_url=_base_url(request)
    )
    return _respond(calendar, f"{event.slug}.ics")


def occurrence_feed(request, page_id, key):
    event = get_object_or_404(feeds.event_queryset().live().public(), pk=page_id)
    occurrence = event.occurrences.select_related("venue").filter(key=key).first()
    if occurrence is None:
        raise Http404("No such meeting")
    calendar = feeds.new_calendar(event.title, event.summary)
    for component in feeds.single_occurrence_components(
        event, occurrence, base_url=_base_url(request)
    ):
        calendar.add_component(component)
    if not event.all_day:
        calendar.add_component(feeds.vtimezone(event.time_zone))
    return _respond(calendar, f"{event.slug}-{key}.ics")


def subscribe(request):
    feed = request.GET.get("feed") or ""
    if not feed.startswith("/"):
        from django.urls import reverse

        feed = reverse("events:feed")
    url = request.build_absolute_uri(feed)
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(
        request,
        "events/subscribe.html",
        {"feed_url": url, "webcal_url": webcal, "feed_path": feed},
    )
