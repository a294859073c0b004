"""Calendar feed views: choose a selection, ask the feed service, answer (or 304)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from events.calendar.models import CampaignPage, EventKind, EventPage
from events.calendar.services import feed_assembly, feed_cache, feed_selections

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _show_cancelled(request):
    return request.GET.get("cancelled") != "hide"


def _headers(response, meta, filename):
    response["ETag"] = meta.etag
    response["Last-Modified"] = http_date(meta.last_modified)
    response["Cache-Control"] = "public, max-age=300"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def serve(request, selection, filename):
    """A 304 from the cached ETag when the client has it, else the feed's bytes."""
    show_cancelled = _show_cancelled(request)
    meta = feed_cache.cached_meta(selection, show_cancelled=show_cancelled)
    if meta is not None:
        not_modified = get_conditional_response(
            request, etag=meta.etag, last_modified=meta.last_modified
        )
        if not_modified is not None:
            return _headers(not_modified, meta, None)
    body, meta = feed_cache.get_feed(selection, show_cancelled=show_cancelled)
    not_modified = get_conditional_response(
        request, etag=meta.etag, last_modified=meta.last_modified
    )
    if not_modified is not None:
        return _headers(not_modified, meta, None)
    return _headers(HttpResponse(body, content_type=CONTENT_TYPE), meta, filename)


def site_feed(request):
    """All events, or exactly those matching the list's filters (same GET parameters)."""
    filter_data = request.GET.copy()
    for key in ("cancelled", "page"):
        filter_data.pop(key, None)
    return serve(request, feed_selections.site_selection(filter_data), "events.ics")


def campaign_feed(request, slug):
    campaign = get_object_or_404(CampaignPage.objects.live().public(), slug=slug)
    return serve(request, feed_selections.campaign_selection(campaign), f"{slug}.ics")


def kind_feed(request, slug):
    kind = get_object_or_404(EventKind, slug=slug)
    return serve(request, feed_selections.kind_selection(kind), f"{slug}.ics")


def event_feed(request, page_id):
    event = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    return serve(request, feed_selections.event_selection(event), f"{event.slug}.ics")


def occurrence_feed(request, page_id, key):
    """One meeting as a download (small, so built on request)."""
    event = get_object_or_404(
        EventPage.objects.live().public().select_related("kind", "venue", "campaign"),
        pk=page_id,
    )
    occurrence = event.occurrences.select_related("venue").filter(key=key).first()
    if occurrence is None:
        raise Http404("No such meeting")
    response = HttpResponse(
        feed_assembly.single_occurrence_feed(event, occurrence), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-{key}.ics"'
    return response


def subscribe(request):
    """How to subscribe to one feed (given as ?feed=/calendar...) in common calendar apps."""
    feed = request.GET.get("feed") or ""
    if not feed.startswith("/calendar") or "//" in feed:
        feed = reverse("events:feed")
    url = request.build_absolute_uri(feed)
    webcal = "webcal://" + url.split("://", 1)[1]
    # Partner sites paste this; the address comes from the site's base address, as in mails.
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "feed_url": url,
        "webcal_url": webcal,
        "feed_path": feed,
        "embed_url": base + reverse("events:embed_events"),
        "embed_month_url": base + reverse("events:embed_month"),
    }
    return render(request, "events/subscribe.html", context)
