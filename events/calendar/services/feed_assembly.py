"""A feed's bytes: the calendar header, the VTIMEZONE blocks its fragments need, and the
fragments in page order.

``assemble`` joins stored fragments (``feed_fragments``); ``build_full`` serialises
everything now with icalendar, and the tests check that both give the same bytes. A
filtered feed lists its meetings one by one instead.
"""

from django.db.models import Q

from events.calendar.models import CampaignPage, FeedFragment, Occurrence
from events.calendar.services.feed_entries import (
    campaign_components,
    event_components,
    single_occurrence_components,
    tzids_of,
)
from events.calendar.services.feed_languages import as_read, stored_language
from events.calendar.services.feed_selections import visible_events
from events.calendar.services.ical_text import END, new_calendar, vtimezone, vtimezone_bytes


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
    shown = {
        event.pk: event for event in as_read({o.event_id: o.event for o in occurrences}.values())
    }
    revised = _revised(list(shown))
    calendar = new_calendar(selection.name, selection.description)
    zones = {tzid for occurrence in occurrences for tzid in tzids_of(occurrence.event)}
    for tzid in sorted(zones):
        calendar.add_component(vtimezone(tzid))
    for occurrence in occurrences:
        for component in single_occurrence_components(
            shown[occurrence.event_id],
            occurrence,
            standalone=True,
            revised=revised.get(occurrence.event_id),
        ):
            calendar.add_component(component)
    return calendar.to_ical()


def assemble(selection, *, now=None, show_cancelled=True):
    """The feed's bytes from stored fragments: one query for the fragments."""
    if selection.occurrences is not None:
        return _occurrence_feed(selection, now, show_cancelled)
    fragments = FeedFragment.objects.filter(_entry_ids(selection, now, show_cancelled))
    language = stored_language()
    if language is None:
        rows = list(fragments.order_by("page_id").values_list("ical", "tzids"))
    else:
        rows = [
            (translated.get(language) or ical, tzids)
            for ical, translated, tzids in fragments.order_by("page_id").values_list(
                "ical", "translated_ical", "tzids"
            )
        ]
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
    entries = as_read(sorted([*events, *campaigns], key=lambda page: page.pk))
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
