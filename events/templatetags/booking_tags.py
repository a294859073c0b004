from django import template

from events.bookings.services import mail, roster_exports

register = template.Library()


@register.filter
def when(bookable):
    """A booked time as mail gives it: in its own time zone, with the zone named."""
    return mail.format_when(bookable)


@register.filter
def language_name(code):
    """A booking's language as rosters name it (the same words as their exports)."""
    return roster_exports.language_name(code)
