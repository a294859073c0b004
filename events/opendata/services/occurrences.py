"""The occurrences of the JSON API: the public listing's filters, paginated, as plain dicts.

Filtering is the calendar's own (``listing.apply_filters``), and every place or link goes
through the public gate, so the API can show no more than the public pages do.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone

from events.calendar.models import EventPage
from events.calendar.services import listing, public
from events.opendata.services import meeting_types

PAGE_SIZE = 50
# The API's names for the listing's date filters (the form calls them from_date/to_date).
PARAMETER_NAMES = {"from": "from_date", "to": "to_date"}
FILTERS = ("from", "to", "kind", "mode", "access", "campaign", "partner", "language")


class BadRequest(ValueError):
    """A parameter the API cannot answer; the message says which and why."""


def _filter_data(params):
    data = {}
    for name in FILTERS:
        values = params.getlist(name)
        if values:
            data[PARAMETER_NAMES.get(name, name)] = values if name == "access" else values[-1]
    return data


def _filtered(params):
    queryset = listing.public_occurrences().filter(
        event__in=EventPage.objects.live().public().values("pk")
    )
    queryset = queryset.select_related("event__campaign")
    filterset, filtered = listing.apply_filters(_filter_data(params) or None, queryset)
    if filterset.is_bound and not filterset.form.is_valid():
        errors = {
            {v: k for k, v in PARAMETER_NAMES.items()}.get(field, field): [str(e) for e in errs]
            for field, errs in filterset.form.errors.items()
        }
        raise BadRequest(errors)
    return filtered


def _page(queryset, number):
    paginator = Paginator(queryset, PAGE_SIZE, allow_empty_first_page=True)
    try:
        return paginator.page(number or 1)
    except PageNotAnInteger as exc:
        raise BadRequest({"page": ["Enter a whole number from 1."]}) from exc
    except EmptyPage as exc:
        raise BadRequest(
            {"page": [f"There are {paginator.num_pages} page(s); ask for 1 to that."]}
        ) from exc


def _iso(value, event):
    return timezone.localtime(value, event.zone).isoformat()


def _place(event, venue):
    place = public.public_place(event, venue)
    if place is None:
        return None
    data = {"area": place.area, "private": place.private}
    if not place.private:
        data.update(
            name=place.name,
            address_lines=list(place.address_lines),
            latitude=place.latitude,
            longitude=place.longitude,
            access_notes=place.access_notes,
        )
    data["access_features"] = meeting_types.english_access_features(place)
    return data


def item(occurrence, url):
    event = occurrence.event
    campaign = event.campaign
    return {
        "event_id": event.pk,
        "key": occurrence.key,
        "title": event.title,
        "url": url,
        "start": _iso(occurrence.start, event),
        "end": _iso(occurrence.end, event),
        "time_zone": event.time_zone,
        "all_day": occurrence.all_day,
        "status": public.occurrence_status(event, occurrence),
        "kind": event.kind.slug,
        "attendance_mode": event.attendance_mode,
        "language": public.language_code(event.language),
        "campaign": campaign.slug if campaign else None,
        "place": _place(event, occurrence.venue),
        "join_url": public.public_join_url(event) or None,
    }


def page_of_occurrences(params, request):
    """The response body for one page; raises BadRequest for parameters it cannot answer."""
    page = _page(_filtered(params), params.get("page"))
    items = [
        item(occurrence, request.build_absolute_uri(occurrence.url))
        for occurrence in listing.with_urls(page.object_list, request)
    ]

    def link(number):
        query = params.copy()
        query["page"] = number
        return request.build_absolute_uri("?" + query.urlencode())

    return {
        "count": page.paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": items,
    }
