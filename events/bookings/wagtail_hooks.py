"""Admin for bookings: the volunteering, attendees, check-in and hours menu items, and the
dashboard's fill-rate and sign-up panels."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from events.bookings.services import roster, signup_chart


@hooks.register("register_admin_menu_item")
def register_volunteering_menu_item():
    # Shown to every admin user: the overview is counts only; names need the permission.
    return MenuItem(
        _("Volunteering"), reverse("events_admin:volunteering"), icon_name="group", order=250
    )


class CheckinMenuItem(MenuItem):
    def is_shown(self, request):
        # The door list names people.
        return roster.can_see_details(request.user)


@hooks.register("register_admin_menu_item")
def register_checkin_menu_item():
    return CheckinMenuItem(
        _("Check-in"), reverse("events_admin:checkin"), icon_name="tick", order=252
    )


@hooks.register("register_admin_menu_item")
def register_hours_menu_item():
    return CheckinMenuItem(
        _("Volunteer hours"), reverse("events_admin:hours"), icon_name="time", order=253
    )


def dashboard_campaign(request):
    """The current or next campaign, looked up once per dashboard request: both chart
    panels draw it (kept on the request, so the next request looks again)."""
    if not hasattr(request, "_dashboard_campaign"):
        request._dashboard_campaign = roster.current_campaign()
    return request._dashboard_campaign


class CampaignChartPanel(Component):
    """Dashboard: a chart of the current or next campaign, counts only, linking to its
    admin overview. Drawn with <meter> and text, no script and no inline styles (the
    admin gets a Content Security Policy)."""

    overview = ""  # URL name of the overview the panel links to

    def __init__(self, request):
        self.request = request

    def chart(self, campaign):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        campaign = dashboard_campaign(self.request)
        chart = self.chart(campaign) if campaign is not None else None
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

    def chart(self, campaign):
        return roster.dashboard_chart(campaign=campaign)


@hooks.register("construct_homepage_panels")
def add_volunteering_panel(request, panels):
    panels.append(VolunteeringPanel(request))


@hooks.register("register_admin_menu_item")
def register_attendees_menu_item():
    # Beside "Volunteering", not inside it: a different list of people, the same rules.
    # Counts only on the overview, so every admin user sees the item.
    return MenuItem(_("Attendees"), reverse("events_admin:attendees"), icon_name="user", order=251)


class SignupsPanel(CampaignChartPanel):
    """Registrations per day (or week) for the campaign's events, and how people heard
    about us."""

    name = "signups"
    template_name = "events/admin/signup_panel.html"
    order = 145
    overview = "attendees"

    def chart(self, campaign):
        return signup_chart.signup_chart(campaign)


@hooks.register("construct_homepage_panels")
def add_signups_panel(request, panels):
    panels.append(SignupsPanel(request))
