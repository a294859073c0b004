"""A partner's calendar feed: the calendar's feed machinery with the partner's events."""

from django.utils.translation import gettext as _

from events.calendar.models import EventPage
from events.calendar.services.feed_selections import Selection
from events.partners.services.directory import hosted_by


def partner_selection(partner):
    return Selection(
        # The name is in the key so that a renamed partner does not keep a stale feed name.
        key=f"partner:{partner.pk}:{partner.name}",
        name=partner.name,
        description=_("Events organised or co-hosted by %(name)s") % {"name": partner.name},
        events=EventPage.objects.filter(pk__in=hosted_by(partner)),
    )
