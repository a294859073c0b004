"""Wagtail admin: volunteering and attendee overviews and their rosters. What
coordinators do on a roster is in ``roster_actions``, the filters in ``roster_filters``.

One set of views serves both: each view has ``pages``, a ``Pages`` naming the kind of
bookable (``roster.SHIFTS`` or ``roster.REGISTRATIONS``), its URL names and its wording.

Counts (the overview, its export, the dashboard panel) are for anyone with admin access.
Rosters, their exports and every action show or change a volunteer's details, so they
need ``roster.DETAILS_PERMISSION``; a refusal raises PermissionDenied, which Wagtail's
admin turns into a redirect to the dashboard with a message. The rules live in
``events.bookings.services.roster`` and ``events.bookings.services.booking``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from events.bookings.models import Booking
from events.bookings.services import (
    hours,
    roster,
    roster_exports,
    shifts,
    signup_chart,
)
from events.bookings.views.roster_filters import (
    AttendeeListFilterSet,
    CampaignRosterFilterSet,
    RegistrationFilterSet,
    RosterFilterSet,
    ShiftFilterSet,
)


def require_details(user):
    if not roster.can_see_details(user):
        raise PermissionDenied


@dataclass(frozen=True)
class Pages:
    """The admin pages of one kind of bookable: URL names and the words they use."""

    kind: roster.Kind
    section: str  # menu label and breadcrumb, e.g. "Volunteering"
    overview: str  # URL name of the counts overview
    roster: str  # URL name of the roster across shifts (by campaign, event)
    one: str  # prefix of the URL names for one shift: shift_roster, shift_add, ...
    roster_title: str
    person: str  # "volunteer" (in export file names)
    add_label: str  # "Add a volunteer"
    add_title: str  # "Add a volunteer to %(label)s"
    thing: str  # "shift"
    label_heading: str  # the column naming a shift or registration

    def name(self, suffix):
        return f"events_admin:{self.one}_{suffix}"

    @property
    def urls(self):
        # For templates, which cannot call ``name``.
        names = ("roster", "roster_results", "add", "message", "remove", "attendance", "front")
        return {
            "overview": f"events_admin:{self.overview}",
            "all": f"events_admin:{self.roster}",
            **{suffix: self.name(suffix) for suffix in names},
        }

    def heading(self, bookable):
        label = self.kind.label(bookable)
        # A registration's title already names its event (and the meeting's date).
        return f"{label}: {bookable.event.title}" if self.kind is roster.SHIFTS else label


VOLUNTEERS = Pages(
    kind=roster.SHIFTS,
    section=_("Volunteering"),
    overview="volunteering",
    roster="volunteer_roster",
    one="shift",
    roster_title=_("Volunteer roster"),
    person="volunteer",
    add_label=_("Add a volunteer"),
    add_title=_("Add a volunteer to %(label)s"),
    thing="shift",
    label_heading=_("Shift"),
)
ATTENDEES = Pages(
    kind=roster.REGISTRATIONS,
    section=_("Attendees"),
    overview="attendees",
    roster="attendee_list",
    one="registration",
    roster_title=_("Attendee list"),
    person="attendee",
    add_label=_("Add an attendee"),
    add_title=_("Add an attendee to %(label)s"),
    thing="event",
    label_heading=_("Event or meeting"),
)


class SafeExportMixin:
    # Names and needs are typed by the public: keep a CSV cell from starting a formula.
    # (Wagtail's XLSX export already stores such text as text.)
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: roster_exports.spreadsheet_safe},
    }


class VolunteeringView(SafeExportMixin, ReportView):
    """Campaigns → events → shifts with fill rates: counts only, for any admin user."""

    pages = VOLUNTEERS
    page_title = _("Volunteering")
    header_icon = "group"
    index_url_name = "events_admin:volunteering"
    index_results_url_name = "events_admin:volunteering_results"
    results_template_name = "events/admin/roster_overview_results.html"
    filterset_class = ShiftFilterSet
    # Grouped with totals per event and campaign, so one page holds the whole selection.
    paginate_by = None
    list_export = list(roster.SHIFTS.fill_headings)
    export_headings = roster.SHIFTS.fill_headings
    export_filename = "volunteer-fill-rates"
    verbose_name_plural = _("shifts")

    def get_base_queryset(self):
        return roster.overview_bookables(self.pages.kind)

    def to_row_dict(self, item):
        return roster_exports.fill_row(item, kind=self.pages.kind)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["groups"] = roster.overview(context["object_list"], kind=self.pages.kind)
        context["can_see_details"] = roster.can_see_details(self.request.user)
        context["pages"] = self.pages
        return context


class AttendeesView(VolunteeringView):
    """Campaigns → events (→ meetings) with places taken, and the campaign's sign-ups over
    time: counts only, for any admin user."""

    pages = ATTENDEES
    page_title = _("Attendees")
    results_template_name = "events/admin/attendees_results.html"
    index_url_name = "events_admin:attendees"
    index_results_url_name = "events_admin:attendees_results"
    filterset_class = RegistrationFilterSet
    list_export = list(roster.REGISTRATIONS.fill_headings)
    export_headings = roster.REGISTRATIONS.fill_headings
    export_filename = "attendee-places"
    verbose_name_plural = _("events")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # The chart follows the campaign filter, else shows the current or next campaign.
        campaign = None
        if self.filters is not None and self.filters.is_valid():
            campaign = self.filters.form.cleaned_data.get("campaign")
        context["signups"] = signup_chart.signup_chart(campaign)
        return context


class RosterView(SafeExportMixin, ReportView):
    """Who is on which shift, with contact details and needs; filter by campaign, event."""

    pages = VOLUNTEERS
    page_title = _("Volunteer roster")
    header_icon = "group"
    index_url_name = "events_admin:volunteer_roster"
    index_results_url_name = "events_admin:volunteer_roster_results"
    results_template_name = "events/admin/roster_results.html"
    filterset_class = CampaignRosterFilterSet
    paginate_by = 100
    list_export = list(roster.SHIFTS.export_headings)
    export_headings = roster.SHIFTS.export_headings
    export_filename = "volunteer-roster"
    verbose_name_plural = _("sign-ups")
    shift = None

    def dispatch(self, request, *args, **kwargs):
        require_details(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return roster.roster_bookings(kind=self.pages.kind, shift=self.shift, statuses=None)

    def to_row_dict(self, item):
        return roster_exports.export_row(item, kind=self.pages.kind)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": reverse(self.pages.urls["overview"]), "label": self.pages.section},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["shift"] = self.shift
        context["pages"] = self.pages
        return context


class AttendeeListView(RosterView):
    """Who registered for which event or meeting; filter by campaign, event."""

    pages = ATTENDEES
    page_title = _("Attendee list")
    index_url_name = "events_admin:attendee_list"
    index_results_url_name = "events_admin:attendee_list_results"
    filterset_class = AttendeeListFilterSet
    list_export = list(roster.REGISTRATIONS.export_headings)
    export_headings = roster.REGISTRATIONS.export_headings
    export_filename = "attendee-list"
    verbose_name_plural = _("registrations")


class ShiftRosterView(RosterView):
    """One shift's roster, with attendance, add, remove and message actions."""

    template_name = "events/admin/roster_shift.html"
    index_results_url_name = "events_admin:shift_roster_results"
    filterset_class = RosterFilterSet

    def dispatch(self, request, *args, **kwargs):
        require_details(request.user)
        self.shift = get_object_or_404(
            roster.with_counts(self.pages.kind.model.objects.select_related("event__campaign")),
            pk=kwargs["shift_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.pages.heading(self.shift)

    def get_index_url(self):
        return reverse(self.pages.name("roster"), args=[self.shift.pk])

    def get_index_results_url(self):
        return reverse(self.pages.name("roster_results"), args=[self.shift.pk])

    def get_filename(self):
        return f"{self.pages.person}s-{self.shift.event.slug}-{self.shift.pk}"

    @cached_property
    def header_buttons(self):
        shift = self.shift.pk
        return [
            HeaderButton(
                self.pages.add_label,
                url=reverse(self.pages.name("add"), args=[shift]),
                icon_name="plus",
                priority=10,
            ),
            HeaderButton(
                gettext("Message everyone"),
                url=reverse(self.pages.name("message"), args=[shift]),
                icon_name="mail",
                priority=20,
            ),
            HeaderButton(
                gettext("Check in at the door"),
                url=reverse(
                    "events_admin:checkin_door",
                    args=["shifts" if self.pages is VOLUNTEERS else "registrations", shift],
                ),
                icon_name="tick",
                priority=30,
            ),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["fill"] = roster.fill_of(self.shift)
        context["local_start"] = roster.local_time(self.shift.starts_at, self.shift.time_zone)
        context["attendance_choices"] = Booking.Attendance.choices
        context["attendance_open"] = roster.attendance_open(self.shift)
        context["shift_hours"] = hours.scheduled(self.shift)
        context["no_shows"] = roster.no_show_count(self.shift)
        context["every_meeting"] = shifts.every_meeting_people(self.shift)
        return context


class RegistrationRosterView(ShiftRosterView):
    """One event's (or meeting's) attendees, with check-in, add, remove and message."""

    pages = ATTENDEES
    index_results_url_name = "events_admin:registration_roster_results"
    list_export = list(roster.REGISTRATIONS.export_headings)
    export_headings = roster.REGISTRATIONS.export_headings
    verbose_name_plural = _("registrations")
