from django import template

from events.bookings.services import mail

register = template.Library()


@register.filter
def when(bookable):
    """A booked time as mail gives it: in its own time zone, with the zone named."""
    return mail.format_when(bookable)
