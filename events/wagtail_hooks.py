"""Admin: venues and event kinds as snippets (one menu group), the failed-mail report, the
mail panel, volunteering (menu item and fill-rate panel), attendees (menu item and sign-ups
panel)."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events import admin_urls
from events.bookings.services import roster, signup_chart
from events.calendar.models import EventKind, Venue
from events.core.services import heartbeat
from events.outbox.services import outbox


@hooks.register("insert_global_admin_css")
def roster_admin_css():
    # Responsive roster tables, tidy attendance actions and the check-in page.
    return format_html('<link rel="stylesheet" href="{}">', static("events/admin.css"))


@hooks.register("register_admin_urls")
def register_events_admin_urls():
    return [path("tapestry/", include(admin_urls, namespace="events_admin"))]


class FailedMailMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_outboxmessage")


@hooks.register("register_reports_menu_item")
def register_failed_mail_menu_item():
    return FailedMailMenuItem(
        "Failed mail", reverse("events_admin:failed_mail"), icon_name="mail", order=900
    )


class MailHealthPanel(Component):
    """Dashboard: when the mail sweep last ran, and what is overdue or failed."""

    name = "mail_health"
    template_name = "events/admin/mail_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        sweep = heartbeat.status(outbox.SWEEP_HEARTBEAT)
        return {
            "sweep": sweep,
            "overdue": outbox.overdue_count(),
            "failed": outbox.OutboxMessage.objects.filter(status=outbox.Status.FAILED).count(),
            "failed_url": reverse("events_admin:failed_mail"),
        }


@hooks.register("construct_homepage_panels")
def add_mail_health_panel(request, panels):
    if request.user.has_perm("events.view_outboxmessage"):
        panels.append(MailHealthPanel())


@hooks.register("register_admin_menu_item")
def register_volunteering_menu_item():
    # Shown to every admin user: the overview is counts only; names need the permission.
    return MenuItem(
        "Volunteering", reverse("events_admin:volunteering"), icon_name="group", order=250
    )


class CheckinMenuItem(MenuItem):
    def is_shown(self, request):
        # The door list names people.
        return roster.can_see_details(request.user)


@hooks.register("register_admin_menu_item")
def register_checkin_menu_item():
    return CheckinMenuItem("Check-in", reverse("events_admin:checkin"), icon_name="tick", order=252)


@hooks.register("register_admin_menu_item")
def register_hours_menu_item():
    return CheckinMenuItem(
        "Volunteer hours", reverse("events_admin:hours"), icon_name="time", order=253
    )


class CampaignChartPanel(Component):
    """Dashboard: a chart of the current or next campaign, counts only, linking to its
    admin overview. Drawn with <meter> and text, no script and no inline styles (the
    admin gets a Content Security Policy)."""

    overview = ""  # URL name of the overview the panel links to

    def chart(self):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        chart = self.chart()
        overview_url = reverse(f"events_admin:{self.overview}")
        context = {"chart": chart, "overview_url": overview_url}
        if chart is not None:
            context["campaign_url"] = f"{overview_url}?campaign={chart.campaign.pk}"
        return context


class VolunteeringPanel(CampaignChartPanel):
    """Fill rates of the campaign's shifts."""

    name = "volunteering"
    template_name = "events/admin/roster_panel.html"
    order = 140
    overview = "volunteering"

    def chart(self):
        return roster.dashboard_chart()


@hooks.register("construct_homepage_panels")
def add_volunteering_panel(request, panels):
    panels.append(VolunteeringPanel())


@hooks.register("register_admin_menu_item")
def register_attendees_menu_item():
    # Beside "Volunteering", not inside it: a different list of people, the same rules.
    # Counts only on the overview, so every admin user sees the item.
    return MenuItem("Attendees", reverse("events_admin:attendees"), icon_name="user", order=251)


class SignupsPanel(CampaignChartPanel):
    """Registrations per day (or week) for the campaign's events, and how people heard
    about us."""

    name = "signups"
    template_name = "events/admin/signup_panel.html"
    order = 145
    overview = "attendees"

    def chart(self):
        return signup_chart.signup_chart()


@hooks.register("construct_homepage_panels")
def add_signups_panel(request, panels):
    panels.append(SignupsPanel())


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = "Venues"
    list_display = ["name", "area", "step_free", "hearing_loop"]
    list_filter = ["step_free", "accessible_toilet", "hearing_loop", "quiet_room"]
    search_fields = ["name", "area"]


class EventKindViewSet(SnippetViewSet):
    model = EventKind
    icon = "tag"
    menu_label = "Event kinds"
    list_display = ["name", "slug"]


class VenuesAndKindsGroup(SnippetViewSetGroup):
    """What editors choose from when they plan an event, under one menu item. The snippet
    URLs stay where they were (wagtailsnippets_events_venue, ..._eventkind)."""

    items = (VenueViewSet, EventKindViewSet)
    menu_icon = "site"
    menu_label = "Venues and kinds"
    menu_name = "venues_and_kinds"
    menu_order = 300


register_snippet(VenuesAndKindsGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_campaign_disagrees_with_tree(request, page):
    """The page tree says which campaign an event is in; say so when the field disagrees."""
    from django.contrib import messages

    from events.calendar.models import EventPage, campaign_tree

    page = page.specific
    if isinstance(page, EventPage):
        warning = campaign_tree.disagreement(page)
        if warning:
            messages.warning(request, warning)
