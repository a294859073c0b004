"""Admin registrations: venues and event kinds as snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventKind, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = "Venues"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "area", "step_free", "hearing_loop"]
    list_filter = ["step_free", "accessible_toilet", "hearing_loop", "quiet_room"]
    search_fields = ["name", "area"]


class EventKindViewSet(SnippetViewSet):
    model = EventKind
    icon = "tag"
    menu_label = "Event kinds"
    list_display = ["name", "slug"]


register_snippet(VenueViewSet)
register_snippet(EventKindViewSet)
