"""Where page models hand over: the routable-page targets and the context that needs rooms
above the calendar.

Page models live in events.calendar, below bookings and sharing, yet an event page shows
its shifts and places and a campaign page its toolkit. Rather than reach upwards, a page's
sub-URL stubs and its cross-room context call this module, which composes the rooms; the
calendar gets it through ``events.calendar.handover`` (given at app start), never by import,
so the import contracts need no exception (see docs/architecture.md).
"""

import json
import logging

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from events.bookings.services import registrations, shifts
from events.bookings.services import volunteering as volunteering_service
from events.bookings.services.shifts import ShiftError
from events.bookings.views.registrations import register, register_sent
from events.bookings.views.shift_lists import campaign_shifts, event_shifts
from events.bookings.views.shifts import shift_signup, shift_signup_sent
from events.calendar.services import programme, public
from events.calendar.views.listing import month, past, upcoming
from events.core.services import editorial_stamp, fragments
from events.imports.services import provenance
from events.partners.services import hosts as partner_hosts
from events.sharing.services import card_content, social
from events.sharing.views.toolkit import toolkit

__all__ = [
    "ShiftError",
    "campaign_programme",
    "campaign_shift_section",
    "campaign_shifts",
    "campaign_toolkit",
    "check_shift",
    "event_detail",
    "event_shifts",
    "month",
    "open_volunteer_shifts",
    "past",
    "places_held",
    "register",
    "register_sent",
    "share_card_content",
    "shift_seats_held",
    "shift_signup",
    "shift_signup_sent",
    "upcoming",
    "volunteering",
]

logger = logging.getLogger(__name__)


# How many shifts an event or campaign page lists before linking to the page of them all.
SHIFTS_SHOWN = 12


def _json_for_script(data):
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def event_detail(request, event, occurrence=None):
    """An event's page, or one meeting's. What only editors and the clock change (the
    facts, the text, the calendar links, the next meetings, the structured data and the
    share tags) is kept rendered (``_kept_sections``); the places left, the shifts and the
    import line are read on every request."""
    series_meeting = occurrence is not None and event.is_recurring
    path = event.get_url(request) or ""
    if series_meeting:
        path += event.reverse_subpage("occurrence_view", kwargs={"key": occurrence.key})
    page_url = request.build_absolute_uri(path)
    context = {
        "occurrence": occurrence,
        "is_occurrence_page": series_meeting,
        "page_url": page_url,
        "sections": _kept_sections(request, event, occurrence, page_url),
        "registration": registrations.card(
            event, occurrence if series_meeting else None, request=request
        ),
        "shift_section": _event_shift_section(request, event, occurrence),
    }
    return event.render(request, context_overrides=context)


def _kept_sections(request, event, occurrence, page_url):
    """{"head", "details"}: the page's share tags and structured data, and its article
    down to the next meetings, kept per meeting, address and import line under the
    editorial stamp, until the meeting shown or the soonest one listed ends (then another
    is shown, or "This took place in the past"). The import line counts because a pull
    that changes nothing on the page still moves its "updated" time."""
    now = timezone.now()
    imported_from = provenance.for_page(event)
    values = (event.pk, occurrence.pk if occurrence else None, request.path, imported_from)
    return fragments.kept_for_request(
        "event-page",
        request,
        values,
        lambda: _draw_sections(request, event, occurrence, page_url, imported_from, now),
        now,
    )


def _draw_sections(request, event, occurrence, page_url, imported_from, now):
    _read_shown_rows(request, event)
    upcoming = event.upcoming_occurrences
    chosen = occurrence is not None
    if occurrence is None:
        occurrence = (
            upcoming[0]
            if upcoming
            else event.occurrences.select_related("venue").order_by("-start").first()
        )
    for item in upcoming:
        item.url = event.get_occurrence_url(item, request)
    venue = occurrence.venue if occurrence else event.venue
    campaign_team = _organizer(request)
    hosts = partner_hosts.for_event(event)
    meta = social.meta_for(request, event, url=page_url)
    context = {
        "page": event,
        "social": meta,
        "hosts": hosts,
        "campaign_team": campaign_team,
        "occurrence": occurrence,
        "is_occurrence_page": chosen and event.is_recurring,
        "upcoming": upcoming,
        "place": public.public_place(event, venue),
        "join_url": public.public_join_url(event),
        "private_note": public.PRIVATE_NOTE,
        "private_link_note": public.PRIVATE_LINK_NOTE,
        "status": public.occurrence_status(event, occurrence),
        "feed_url": event.get_feed_url(request),
        "is_past": occurrence is not None and occurrence.end < now,
        "imported_from": imported_from,
    }
    if occurrence is not None:
        context["jsonld"] = _json_for_script(
            public.jsonld(
                event,
                occurrence,
                page_url,
                organizer=partner_hosts.organizers(hosts, request, campaign_team),
                image_url=social.image_url(meta),
                currency=settings.TAPESTRY_CURRENCY,
                pictures=_pictures(request, event),
                series_url=request.build_absolute_uri(event.get_url(request) or ""),
            )
        )
        context["google_url"] = public.google_calendar_url(event, occurrence, page_url)
        context["outlook_url"] = public.outlook_calendar_url(event, occurrence, page_url)
        context["ics_url"] = (
            event.get_occurrence_feed_url(occurrence) if chosen else event.get_feed_url(request)
        )
    sections = fragments.render_parts(
        "events/includes/event_", ("head", "details"), context, request
    )
    # Until the meeting shown ends (it becomes past), or the first listed does (it leaves).
    ends = [item.end for item in upcoming]
    if occurrence is not None and occurrence.end >= now:
        ends.append(occurrence.end)
    return sections, min(ends, default=None)


def _read_shown_rows(request, event):
    """The rows the article shows beside the event's own (``shown_related``), read in one
    query. A preview's draft is not the stored row: it reads its own as it shows them."""
    if getattr(request, "is_preview", False):
        return
    stored = type(event)._default_manager.select_related(*event.shown_related).get(pk=event.pk)
    for name in {related.split("__")[0] for related in event.shown_related}:
        setattr(event, name, getattr(stored, name))


def _event_shift_section(request, event, occurrence):
    key = occurrence.key if occurrence is not None else None
    return _shift_section(
        request,
        "event",
        page=event,
        values=(key,),
        cards_until=lambda now: shifts.upcoming_for_event_until(
            event, occurrence_key=key, now=now, request=request, limit=SHIFTS_SHOWN + 1
        ),
    )


def _shift_section(request, kind, *, page, values, cards_until):
    """A page's "Volunteer" section (events/includes/shift_section.html, empty when no
    shift is listed): the soonest SHIFTS_SHOWN cards of its list (read: one more, to know
    whether there are others without counting them) and, only when there are, a link to
    the page listing them all (``page``'s "shifts" sub-page).

    Drawing it (the cards' rows, states and addresses) was a tenth of an event or
    campaign page's time, though it changes only when its rows do. So it is kept in this
    process as drawn, as the rows are (``kept_shifts``): under the editorial and places
    stamps and until the clock next changes the list, per host (an address on another
    site is written out in full), language, path and ``values`` (with the page, what
    ``cards_until(now)``, which returns (cards, until), depends on). A preview shows a
    draft's title, so it is drawn afresh."""
    now = timezone.now()

    def draw_now():
        cards, until = cards_until(now)
        context = {
            "kind": kind,
            # A campaign's shifts are of several events: each card names its own.
            "show_event": kind == "campaign",
            "title": page.title,
            "shift_cards": cards[:SHIFTS_SHOWN],
            "all_shifts_url": (
                (page.get_url(request) or "") + page.reverse_subpage("shifts_view")
                if len(cards) > SHIFTS_SHOWN
                else ""
            ),
        }
        return render_to_string("events/includes/shift_section.html", context), until

    if getattr(request, "is_preview", False):
        return draw_now()[0]
    key = fragments.key_for(
        f"shift-section:{kind}", (request.get_host(), request.path, page.pk, *values)
    )
    return editorial_stamp.kept_here_until(key, draw_now, now, room="sections", also=("places",))


def _organizer(request):
    """Who runs the site, from its settings (looked up by name: events does not import home)."""
    site_settings = apps.get_model("home", "SiteSettings").for_request(request)
    return {"name": site_settings.organisation_name, "url": request.build_absolute_uri("/")}


def _pictures(request, event):
    """Absolute addresses of the event's own picture for JSON-LD (none if it has none)."""
    if event.image is None:
        return ()
    try:
        rendition = event.image.get_rendition("width-1200|format-jpeg")
    except Exception:
        # A missing or unreadable file must not take the event page down.
        logger.exception("could not render the picture of event %s", event.pk)
        return ()
    return (request.build_absolute_uri(rendition.url),)


# Campaign pages ---------------------------------------------------------------------------


def campaign_programme(campaign, request, restricted_paths=None):
    return programme.campaign_programme(
        campaign, request=request, restricted_paths=restricted_paths
    )


def open_volunteer_shifts(campaign, request=None, restricted_paths=None):
    """The soonest shifts of the campaign's events that people can still sign up for."""
    return volunteering_service.for_campaign(
        campaign, request=request, limit=SHIFTS_SHOWN, restricted_paths=restricted_paths
    )


def campaign_shift_section(campaign, request, restricted_paths):
    """The campaign page's "Volunteer" section: its soonest shifts and, when it has more, a
    link to its page listing them all; kept as drawn (``_shift_section``)."""
    return _shift_section(
        request,
        "campaign",
        page=campaign,
        values=(tuple(restricted_paths),),
        cards_until=lambda now: volunteering_service.for_campaign_until(
            campaign,
            now=now,
            request=request,
            limit=SHIFTS_SHOWN + 1,
            restricted_paths=restricted_paths,
        ),
    )


def campaign_toolkit(request, campaign):
    return toolkit(request, campaign)


def share_card_content(page, layout):
    return card_content.for_page(page, layout)


# The volunteering page --------------------------------------------------------------------


def volunteering(request):
    """The filter form, and the list of shifts it selects drawn (and kept) whole."""
    return volunteering_service.kept_list(request.GET, request=request, draw=_volunteering_list)


def _volunteering_list(page, *, filtered, query, path):
    """The volunteering page's list: its count, a page of shift cards and the page links
    (which keep ``query``, the other parameters as asked)."""
    context = {
        "page_of_shifts": page,
        "shift_cards": page.object_list,
        "is_filtered": filtered,
        "filter_query": query,
        "path": path,
    }
    return render_to_string("events/includes/volunteering_shifts.html", context)


# The event page's admin form: rules the bookings room keeps ---------------------------------


def places_held(event):
    """The most places held for any one meeting: the capacity cannot go below it."""
    return registrations.most_held(event)


def shift_seats_held(event):
    return shifts.seats_held(event)


def check_shift(event, planned, dates):
    """Raises ShiftError when a planned shift does not fit its event."""
    shifts.check(event, planned, dates)
