"""Admin for the calendar: venues and event kinds as one snippet group, and a warning when an
event's campaign disagrees with where it sits in the page tree."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.calendar.models import EventKind, EventPage, Venue, campaign_tree


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "area", "step_free", "hearing_loop"]
    list_filter = ["step_free", "accessible_toilet", "hearing_loop", "quiet_room"]
    search_fields = ["name", "area"]


class EventKindViewSet(SnippetViewSet):
    model = EventKind
    icon = "tag"
    menu_label = _("Event kinds")
    list_display = ["name", "slug"]


class VenuesAndKindsGroup(SnippetViewSetGroup):
    """What editors choose from when they plan an event, under one menu item. The snippet
    URLs stay where they were (wagtailsnippets_events_venue, ..._eventkind)."""

    items = (VenueViewSet, EventKindViewSet)
    menu_icon = "site"
    menu_label = _("Venues and kinds")
    menu_name = "venues_and_kinds"
    menu_order = 300


register_snippet(VenuesAndKindsGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_campaign_disagrees_with_tree(request, page):
    """The page tree says which campaign an event is in; say so when the field disagrees."""
    page = page.specific
    if isinstance(page, EventPage):
        warning = campaign_tree.disagreement(page)
        if warning:
            messages.warning(request, warning)
