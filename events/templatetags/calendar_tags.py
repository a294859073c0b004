"""Event cards in lists, each kept rendered under a digest of what it shows
(``events.core.services.fragments``): the cards are most of a listing's rendering, and the
same card appears in every filter's results, on the home page and in the next month's."""

from django import template
from django.utils.html import format_html_join

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
