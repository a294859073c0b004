from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.utils import translation

from events.bookings.services import mail, roster_exports

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
