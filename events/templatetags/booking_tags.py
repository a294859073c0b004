from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.utils import translation

from events.bookings.services import mail, roster_exports
from events.core.services import fragments

register = template.Library()


@register.filter
def when(bookable):
    """A booked time as mail gives it: in its own time zone, with the zone named.

    A shift list shows hundreds of these, each one twice (visibly and to screen readers),
    and formatting one took a tenth of a long list's rendering: the text is kept per
    process, keyed on everything it is made of (times, zone, language)."""
    return _when(
        bookable.starts_at, bookable.ends_at, bookable.time_zone, translation.get_language()
    )


@lru_cache(maxsize=4096)
def _when(starts_at, ends_at, time_zone, language):
    times = SimpleNamespace(starts_at=starts_at, ends_at=ends_at, time_zone=time_zone)
    with translation.override(language):
        return mail.format_when(times)


@register.filter
def language_name(code):
    """A booking's language as rosters name it (the same words as their exports)."""
    return roster_exports.language_name(code)


@register.simple_tag
def shift_card_list(cards, show_event=False):
    """The list of shift cards (events/includes/shift_cards.html), kept rendered under a
    digest of everything a card shows: a long list's cards cost most of the volunteering
    and event pages' rendering. The places left are the public count (confirmed bookings
    only) and the state depends on the time alone, so a card is the same for every reader."""
    shown = [show_event]
    for card in cards:
        shift = card.shift
        shown.append(
            (
                shift.pk, shift.role, shift.event.title if show_event else None,
                shift.starts_at, shift.ends_at, shift.time_zone, shift.opens_at,
                shift.description, shift.requirements, shift.public_seats_left,
                shift.capacity, card.state, card.url,
            )
        )  # fmt: skip
    context = {"cards": cards, "show_event": show_event}
    return fragments.render_kept("shift-cards", "events/includes/shift_cards.html", context, shown)


@register.simple_tag(takes_context=True)
def shift_filters(context, heading, noun, heading_id):
    """The volunteering page's filter form, drawn once per query and list of roles: its
    values and errors change only with the query, its options only with the roles on
    offer (read every time: they follow the shifts and the clock). Drawing it field by
    field and option by option was about half of the page's rendering."""
    form = context["filter_form"]
    roles = form.roles
    words = {"filters_noun": noun, "filters_heading": heading, "filters_heading_id": heading_id}
    return fragments.render_kept_filters(
        "shift-filters",
        "components/event_filters.html",
        {"is_filtered": context["is_filtered"], **words},
        context["request"],
        form,
        (roles, str(noun), str(heading), heading_id),
    )
