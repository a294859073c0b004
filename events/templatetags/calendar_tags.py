"""Event cards in lists, each kept rendered under a digest of what it shows
(``events.core.services.fragments``): the cards are most of a listing's rendering, and the
same card appears in every filter's results, on the home page and in the next month's."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html_join

from events.calendar.services import listing
from events.core.services import fragments

register = template.Library()

CARD_TEMPLATE = "components/event_occurrence_card.html"


def card_values(occurrence, *, show_date):
    """Everything templates/components/event_occurrence_card.html shows of an occurrence
    (the language and time zone are added by the fragment key)."""
    event, venue = occurrence.event, occurrence.venue
    return (
        show_date, occurrence.pk, occurrence.url, occurrence.start, occurrence.end,
        occurrence.all_day, occurrence.cancelled, occurrence.moved, occurrence.note,
        venue.area if venue else None,
        event.pk, event.locale_id, event.title, event.summary, event.status, event.time_zone,
        event.kind.name if event.kind_id else None, event.attendance_mode,
    )  # fmt: skip


@register.simple_tag
def occurrence_cards(occurrences, show_date=False):
    """``<li class="card">`` items for a ``<ul class="card-list">``, one per occurrence
    (each with ``.url``, as the listing services attach it)."""
    pieces = [
        ({"occurrence": item, "show_date": show_date}, card_values(item, show_date=show_date))
        for item in occurrences
    ]
    cards = fragments.render_each("occurrence-card", CARD_TEMPLATE, pieces)
    return format_html_join("", '<li class="card">{}</li>', ((card,) for card in cards))


@register.simple_tag(takes_context=True)
def next_events(context, limit=5):
    """The next meeting of each of the next ``limit`` events (the home page's "Coming up"),
    kept rendered per address, host and editorial stamp until the first of them ends: an
    event further down only comes up once one of these has ended (its own next meeting
    starts after all of them), so until then nothing here differs."""
    request = context["request"]
    now = timezone.now()

    def render():
        events = listing.next_occurrences(limit=limit, now=now, request=request)
        html = render_to_string("components/next_events.html", {"events": events})
        return html, min((item.end for item in events), default=None)

    return fragments.kept_for_request("next-events", request, (request.path, limit), render, now)
