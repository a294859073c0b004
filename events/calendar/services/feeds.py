"""iCalendar feeds: one builder, many selections, assembled from pre-rendered fragments.

* ``entry_components`` turns one event (series + changed meetings, with RRULE/EXDATE and
  RECURRENCE-ID) or one campaign (all-day umbrella) into ``icalendar`` components.
* ``store_fragment`` serialises those components once, when the page changes, into a
  ``FeedFragment`` row with the TZIDs it uses.
* A feed is a ``Selection`` (which events and campaigns, plus the calendar's name). Its
  bytes are the calendar header, the VTIMEZONE blocks its fragments need, and the
  fragments in page order: exactly what ``build_full`` (everything serialised now with
  icalendar) produces, which the tests check byte for byte.
* Built feeds are cached under a generation token that every fragment change replaces, so
  a warm request or a 304 costs a cache read and no query.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vRecur
from icalendar.prop import vDuration, vText

from campaign.organisation import organisation_name
from events.calendar.models import (
    AttendanceMode,
    CampaignPage,
    EventPage,
    EventStatus,
    FeedFragment,
    Occurrence,
)
from events.calendar.services import public

PRODID = "-//Tapestry//Community events//EN"
END = b"END:VCALENDAR\r\n"
GENERATION_KEY = "events:feeds:generation"
# A fixed range keeps VTIMEZONE bytes identical from build to build.
TZ_FIRST = datetime(2020, 1, 1)
TZ_LAST = datetime(2040, 1, 1)


def refresh_interval():
    return timedelta(seconds=getattr(settings, "TAPESTRY_FEED_REFRESH_SECONDS", 3600))


def tombstone_days():
    return getattr(settings, "TAPESTRY_FEED_TOMBSTONE_DAYS", 30)


def cache_seconds():
    return getattr(settings, "TAPESTRY_FEED_CACHE_SECONDS", 24 * 3600)


# Components ---------------------------------------------------------------------------


@lru_cache(maxsize=64)
def vtimezone(tzid):
    """The VTIMEZONE component for an IANA zone (cached: it is slow to build).

    icalendar lists a rule's yearly changes as one comma-separated RDATE. That is legal,
    but ical.js (Thunderbird) reads only the first value of each RDATE line and then puts
    every later summer an hour out, so each change gets its own RDATE line.
    """
    zone = Timezone.from_tzid(tzid, first_date=TZ_FIRST, last_date=TZ_LAST)
    for rule in zone.subcomponents:
        rdates = rule.pop("RDATE", None)
        if rdates is None:
            continue
        for value in rdates if isinstance(rdates, list) else [rdates]:
            for date_time in value.dts:
                rule.add("rdate", date_time.dt)
    return zone


@lru_cache(maxsize=64)
def vtimezone_bytes(tzid):
    return vtimezone(tzid).to_ical()


def _stamp(page, revised=None):
    """DTSTAMP and LAST-MODIFIED: the last material change, or ``revised`` (when the
    entry's text last changed, e.g. a new title) if later; bytes move only with edits."""
    value = page.last_material_change or page.first_published_at
    value = value or datetime(2020, 1, 1, tzinfo=UTC)
    if revised is not None and revised > value:
        value = revised
    return value.astimezone(UTC).replace(microsecond=0)


def _when(value, event):
    if event.all_day:
        return timezone.localtime(value, event.zone).date()
    return value.astimezone(event.zone)


ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


# RFC 5545 (3.3.11) allows no control characters in TEXT but HTAB and the (escaped)
# newline; a paste from a word processor can carry others (vertical tab, form feed),
# which strict readers refuse. Every editor-typed value goes through here.
_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), *range(127, 160)])


def plain(text):
    """Editor text as a calendar TEXT value may carry it: line ends as newlines, no other
    control characters."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def entry_url(page):
    """The page's address on the configured site address, not the Site record's host
    (which is whatever the database was seeded with, e.g. localhost)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + parts[2]


def _identity(component, page, stamp):
    component.add("uid", page.ical_uid)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", page.sequence)


def _details(component, event, url, venue, note=""):
    component.add("summary", plain(event.title))
    text = f"{plain(event.summary)}\n\n{url}"
    component.add("description", f"{plain(note)}\n\n{text}" if note else text)
    component.add("url", url)
    location = plain(public.location_text(event, venue))
    if location:
        component.add("location", location)
    place = public.public_place(event, venue)
    if place is not None and not place.private and place.latitude is not None:
        component.add("geo", (place.latitude, place.longitude))
    categories = [event.kind.name]
    if event.campaign_id and event.campaign is not None:
        categories.append(event.campaign.title)
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        categories.append("Online")
    component.add("categories", [plain(name) for name in categories])


def _default_venue(event):
    return event.venue if event.attendance_mode != AttendanceMode.ONLINE else None


def event_components(event, occurrences, revised=None):
    """VEVENTs for one event: the series, then one per changed or cancelled meeting.

    ``occurrences`` are the event's rows of the Occurrence table, so the feed says exactly
    what the site's listings say.
    """
    url = entry_url(event)
    stamp = _stamp(event, revised)
    master = Event()
    _identity(master, event, stamp)
    master.add("dtstart", _when(event.starts_at, event))
    master.add("dtend", _when(event.ends_at, event))
    master.add("status", ICAL_STATUS[event.status])
    master.add("transp", "OPAQUE")
    _details(master, event, url, _default_venue(event))
    components = [master]
    if not event.rrule:
        return components
    master.add("rrule", vRecur.from_ical(event.rrule))
    exdates = sorted(exception.date for exception in event.exceptions.all())
    if exdates:
        if event.all_day:
            master.add("exdate", exdates)
        else:
            master.add(
                "exdate",
                [datetime.combine(d, event.start_time).replace(tzinfo=event.zone) for d in exdates],
            )
    event_cancelled = event.status == EventStatus.CANCELLED
    default_venue_id = _default_venue(event).pk if _default_venue(event) else None
    for occurrence in occurrences:
        cancelled_alone = occurrence.cancelled and not event_cancelled
        if not (occurrence.moved or cancelled_alone or occurrence.venue_id != default_venue_id):
            continue
        instance = Event()
        _identity(instance, event, stamp)
        instance.add("recurrence-id", _when(occurrence.recurrence_id, event))
        instance.add("dtstart", _when(occurrence.start, event))
        instance.add("dtend", _when(occurrence.end, event))
        instance.add("status", "CANCELLED" if occurrence.cancelled else ICAL_STATUS[event.status])
        instance.add("transp", "OPAQUE")
        occurrence_url = url + event.reverse_subpage(
            "occurrence_view", kwargs={"key": occurrence.key}
        )
        _details(instance, event, occurrence_url, occurrence.venue, occurrence.note)
        components.append(instance)
    return components


def campaign_components(campaign, revised=None):
    """The campaign as an all-day umbrella entry that does not block anyone's time."""
    component = Event()
    _identity(component, campaign, _stamp(campaign, revised))
    component.add("dtstart", campaign.start_date)
    component.add("dtend", campaign.end_date + timedelta(days=1))
    component.add("summary", plain(campaign.title))
    url = entry_url(campaign)
    component.add("description", f"{plain(campaign.theme)}\n\n{url}".strip())
    component.add("url", url)
    component.add("status", "CONFIRMED")
    component.add("transp", "TRANSPARENT")
    component.add("categories", ["Campaign"])
    return [component]


def single_occurrence_components(event, occurrence, *, standalone=False, revised=None):
    """One meeting on its own. For a one-off download: the series UID with RECURRENCE-ID.

    ``standalone`` (filtered feeds): a UID of its own made from the stored UID and the
    meeting's key, and no RECURRENCE-ID. A filtered feed holds only some meetings of a
    series; an override without its series is read differently by each client (some drop
    it, some show it twice), while separate entries read the same everywhere.
    """
    url = entry_url(event)
    if event.rrule:
        url += event.reverse_subpage("occurrence_view", kwargs={"key": occurrence.key})
    component = Event()
    stamp = _stamp(event, revised)
    if standalone and event.rrule:
        component.add("uid", f"{occurrence.key}-{event.ical_uid}")
        component.add("dtstamp", stamp)
        component.add("last-modified", stamp)
        component.add("sequence", event.sequence)
    else:
        _identity(component, event, stamp)
    if event.rrule and not standalone:
        component.add("recurrence-id", _when(occurrence.recurrence_id, event))
    component.add("dtstart", _when(occurrence.start, event))
    component.add("dtend", _when(occurrence.end, event))
    component.add("status", "CANCELLED" if occurrence.cancelled else ICAL_STATUS[event.status])
    component.add("transp", "OPAQUE")
    _details(component, event, url, occurrence.venue, occurrence.note)
    return [component]


def tzids_of(page):
    if isinstance(page, EventPage) and not page.all_day:
        return [page.time_zone]
    return []


def new_calendar(name, description):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: a subscription feed is a plain calendar (RFC 5545), not an iTIP message.
    # METHOD:PUBLISH would require an ORGANIZER on every entry (RFC 5546), naming someone
    # as organiser of every community event, and buys nothing: no client acts on it.
    # icalendar does not know these as TEXT and would write them unescaped (a newline in
    # an editor's summary made the feed fail): say so, and the library escapes them.
    calendar.add("name", vText(plain(name)))
    calendar.add("x-wr-calname", vText(plain(name)))
    calendar.add("x-wr-caldesc", vText(plain(description)))
    interval = refresh_interval()
    calendar.add("refresh-interval", vDuration(interval), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(interval))
    return calendar


# Fragments ----------------------------------------------------------------------------


def _load_event(page_id):
    return (
        EventPage.objects.select_related("kind", "venue", "campaign")
        .prefetch_related("exceptions")
        .get(pk=page_id)
    )


def entry_components(page, revised=None):
    if isinstance(page, CampaignPage):
        return campaign_components(page, revised)
    occurrences = Occurrence.objects.filter(event_id=page.pk).select_related("venue")
    return event_components(page, occurrences, revised)


def render_fragment(page, revised=None):
    """The fragment text and TZIDs for a live event or campaign page."""
    text = b"".join(component.to_ical() for component in entry_components(page, revised))
    return text.decode("utf-8"), ",".join(tzids_of(page))


def store_fragment(page, *, now=None):
    """Render the page's entry and keep it; returns True when its bytes changed."""
    page = page.specific
    if isinstance(page, EventPage):
        page = _load_event(page.pk)
    # The digest is of the text with the material stamp alone: an edit that changes any
    # byte (a title too) is then stored with LAST-MODIFIED = now, so clients re-read it.
    probe, tzids = render_fragment(page)
    digest = hashlib.sha256(probe.encode()).hexdigest()
    existing = FeedFragment.objects.filter(page_id=page.pk).values_list("digest", flat=True)
    if existing and existing[0] == digest:
        return False
    revised = (now or timezone.now()).replace(microsecond=0)
    text, _tzids = render_fragment(page, revised)
    FeedFragment.objects.update_or_create(
        page_id=page.pk,
        defaults={"ical": text, "tzids": tzids, "digest": digest, "rendered_at": revised},
    )
    invalidate()
    return True


def delete_fragment(page_id):
    deleted, _ = FeedFragment.objects.filter(page_id=page_id).delete()
    if deleted:
        invalidate()


def store_all(*, now=None):
    """Re-render every live entry (daily, and after bulk imports). Returns changed count."""
    changed = 0
    live_ids = set()
    for model in (CampaignPage, EventPage):
        for page in model.objects.live().iterator(chunk_size=200):
            live_ids.add(page.pk)
            changed += store_fragment(page, now=now)
    stale = FeedFragment.objects.exclude(page_id__in=live_ids)
    if stale.exists():
        stale.delete()
        invalidate()
    return changed


# Selections ---------------------------------------------------------------------------


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

    events = EventPage.objects.all()
    if filter_data:
        _filterset, occurrences = listing.apply_filters(filter_data)
        events = events.filter(pk__in=occurrences.values("event_id"))
        pairs = sorted((k, v) for k in filter_data for v in filter_data.getlist(k))
        return Selection(
            key="site?" + urlencode(pairs),
            name=organisation_name() + ": selected events",
            description="Events matching a search on this site.",
            events=events,
            occurrences=occurrences,
        )
    return Selection(
        key="site",
        name=organisation_name() + ": all events",
        description="Every event and campaign on this site.",
        events=events,
        campaigns=CampaignPage.objects.all(),
    )


def campaign_selection(campaign):
    return Selection(
        key=f"campaign:{campaign.pk}",
        name=campaign.title,
        description=campaign.theme or f"Events of {campaign.title}",
        events=EventPage.objects.filter(campaign=campaign),
        campaigns=CampaignPage.objects.filter(pk=campaign.pk),
    )


def kind_selection(kind):
    return Selection(
        key=f"kind:{kind.pk}",
        name=f"{organisation_name()}: {kind.name}",
        description=kind.description or f"{kind.name} events",
        events=EventPage.objects.filter(kind=kind),
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


def _entry_ids(selection, now, show_cancelled):
    condition = Q(
        page_id__in=visible_events(selection.events, now=now, show_cancelled=show_cancelled).values(
            "pk"
        )
    )
    if selection.campaigns is not None:
        condition |= Q(page_id__in=selection.campaigns.live().public().values("pk"))
    return condition


# Building -----------------------------------------------------------------------------


def header_bytes(selection):
    text = new_calendar(selection.name, selection.description).to_ical()
    return text[: -len(END)]


def _revised(page_ids):
    """When each page's stored entry last changed (the fragments' render times)."""
    rows = FeedFragment.objects.filter(page_id__in=page_ids).values_list("page_id", "rendered_at")
    return dict(rows)


def _occurrence_feed(selection, now, show_cancelled):
    """A filtered feed: the list's meetings one by one (a whole series would bring in
    meetings the filter left out)."""
    visible = visible_events(selection.events, now=now, show_cancelled=show_cancelled)
    occurrences = (
        selection.occurrences.filter(event__in=visible.values("pk"))
        .select_related("event", "event__kind", "event__venue", "event__campaign", "venue")
        .order_by("start", "pk")
    )
    if not show_cancelled:
        occurrences = occurrences.filter(cancelled=False)
    occurrences = list(occurrences)
    revised = _revised({occurrence.event_id for occurrence in occurrences})
    calendar = new_calendar(selection.name, selection.description)
    zones = {tzid for occurrence in occurrences for tzid in tzids_of(occurrence.event)}
    for tzid in sorted(zones):
        calendar.add_component(vtimezone(tzid))
    for occurrence in occurrences:
        for component in single_occurrence_components(
            occurrence.event, occurrence, standalone=True, revised=revised.get(occurrence.event_id)
        ):
            calendar.add_component(component)
    return calendar.to_ical()


def assemble(selection, *, now=None, show_cancelled=True):
    """The feed's bytes from stored fragments: one query for the fragments."""
    if selection.occurrences is not None:
        return _occurrence_feed(selection, now, show_cancelled)
    rows = list(
        FeedFragment.objects.filter(_entry_ids(selection, now, show_cancelled))
        .order_by("page_id")
        .values_list("ical", "tzids")
    )
    tzids = sorted({tzid for _ical, ids in rows for tzid in ids.split(",") if tzid})
    parts = [header_bytes(selection)]
    parts.extend(vtimezone_bytes(tzid) for tzid in tzids)
    parts.extend(ical.encode() for ical, _ids in rows)
    parts.append(END)
    return b"".join(parts)


def build_full(selection, *, now=None, show_cancelled=True):
    """The same feed serialised now with icalendar, without fragments (the reference)."""
    if selection.occurrences is not None:
        return _occurrence_feed(selection, now, show_cancelled)
    events = list(
        visible_events(selection.events, now=now, show_cancelled=show_cancelled)
        .select_related("kind", "venue", "campaign")
        .prefetch_related("exceptions")
    )
    campaigns = list(selection.campaigns.live().public()) if selection.campaigns is not None else []
    rows = {}
    for occurrence in Occurrence.objects.filter(event__in=events).select_related("venue"):
        rows.setdefault(occurrence.event_id, []).append(occurrence)
    calendar = new_calendar(selection.name, selection.description)
    entries = sorted([*events, *campaigns], key=lambda page: page.pk)
    revised = _revised([page.pk for page in entries])
    for tzid in sorted({tzid for page in entries for tzid in tzids_of(page)}):
        calendar.add_component(vtimezone(tzid))
    for page in entries:
        if isinstance(page, CampaignPage):
            components = campaign_components(page, revised.get(page.pk))
        else:
            components = event_components(page, rows.get(page.pk, []), revised.get(page.pk))
        for component in components:
            calendar.add_component(component)
    return calendar.to_ical()


def single_occurrence_feed(event, occurrence):
    calendar = new_calendar(event.title, event.summary)
    if not event.all_day:
        calendar.add_component(vtimezone(event.time_zone))
    revised = _revised([event.pk]).get(event.pk)
    for component in single_occurrence_components(event, occurrence, revised=revised):
        calendar.add_component(component)
    return calendar.to_ical()


# Caching ------------------------------------------------------------------------------


def generation():
    """(token, unix time) of the last change to any fragment; shared by all processes."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = (uuid.uuid4().hex, int(timezone.now().timestamp()))
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY) or value
    return value


def invalidate():
    """Every cached feed is stale: now, and again once the change is committed."""

    def bump():
        cache.set(GENERATION_KEY, (uuid.uuid4().hex, int(timezone.now().timestamp())), None)

    bump()
    transaction.on_commit(bump)


@dataclass(frozen=True)
class FeedMeta:
    etag: str
    last_modified: int  # unix time


def _cache_key(selection, show_cancelled, now):
    token, _when_changed = generation()
    # The day is part of the key so that tombstones expire without any change.
    day = (now or timezone.now()).astimezone(UTC).date().isoformat()
    digest = hashlib.sha256(selection.key.encode()).hexdigest()[:32]
    return f"events:feed:{token}:{day}:{int(show_cancelled)}:{digest}"


def cached_meta(selection, *, show_cancelled=True, now=None):
    """ETag and Last-Modified of a built feed, if it is in the cache (no query)."""
    value = cache.get(_cache_key(selection, show_cancelled, now) + ":meta")
    return FeedMeta(*value) if value else None


def get_feed(selection, *, show_cancelled=True, now=None):
    """(bytes, FeedMeta): from the cache, else assembled from fragments and cached."""
    key = _cache_key(selection, show_cancelled, now)
    cached = cache.get_many([key, key + ":meta"])
    if key in cached and key + ":meta" in cached:
        return cached[key], FeedMeta(*cached[key + ":meta"])
    body = assemble(selection, now=now, show_cancelled=show_cancelled)
    meta = FeedMeta(
        etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
        last_modified=generation()[1],
    )
    cache.set_many({key: body, key + ":meta": (meta.etag, meta.last_modified)}, cache_seconds())
    return body, meta
