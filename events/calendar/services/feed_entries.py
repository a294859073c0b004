"""The calendar entries of a page as ``icalendar`` components.

One event is its series (RRULE/EXDATE) plus one component per changed or cancelled
meeting (RECURRENCE-ID); one campaign is an all-day umbrella entry.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Event, vRecur

from events.calendar.models import (
    AttendanceMode,
    CampaignPage,
    EventPage,
    EventStatus,
    Occurrence,
)
from events.calendar.services import public
from events.calendar.services.ical_text import plain


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


def _text_language(event):
    """The language the entry's words are in (RFC 5545 3.2.10): a translation's when the
    event wears one (``feed_languages.as_read``), else the event's own language tag."""
    if getattr(event, "translation", None) is not None:
        return translation.get_language()
    return public.language_code(event.language)


def _details(component, event, url, venue, note=""):
    language = {"LANGUAGE": _text_language(event)}
    component.add("summary", plain(event.title), parameters=language)
    text = f"{plain(event.summary)}\n\n{url}"
    component.add("description", f"{plain(note)}\n\n{text}" if note else text, parameters=language)
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
        categories.append(_("Online"))
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
    if not event.is_recurring:
        return components
    if event.rrule:
        master.add("rrule", vRecur.from_ical(event.rrule))
    if event.source_dates:  # an imported series' RDATEs
        master.add(
            "rdate",
            [
                value.date() if event.all_day else value.replace(tzinfo=event.zone)
                for value in event.source_dates
            ],
        )
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
    component.add("categories", [_("Campaign")])
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


def meetings_of(event):
    """The event's occurrence rows with their venues (a queryset: read when first used)."""
    return Occurrence.objects.filter(event_id=event.pk).select_related("venue")


def entry_components(page, revised=None, occurrences=None):
    """The page's entry. ``occurrences``: an event's ``meetings_of()`` when the caller
    renders the entry more than once (in each language): one queryset is read once."""
    if isinstance(page, CampaignPage):
        return campaign_components(page, revised)
    if occurrences is None:
        occurrences = meetings_of(page)
    return event_components(page, occurrences, revised)
