"""Wagtail admin: volunteering overview, shift rosters and what coordinators do on them.

Counts (the overview, its export, the dashboard panel) are for anyone with admin access.
Rosters, their exports and every action show or change a volunteer's details, so they
need ``roster.DETAILS_PERMISSION``; a refusal raises PermissionDenied, which Wagtail's
admin turns into a redirect to the dashboard with a message. The rules live in
``events.services.roster`` and ``events.services.booking``.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button

from events.models import Booking, CampaignPage, EventPage, Shift
from events.services import booking as booking_service
from events.services import roster
from events.services.booking import BookingError


def _require_details(user):
    if not roster.can_see_details(user):
        raise PermissionDenied


def _campaigns(request):
    return CampaignPage.objects.order_by("-start_date", "title")


def _events_with_shifts(request):
    return EventPage.objects.filter(live_shifts__isnull=False).distinct().order_by("title")


class DefaultChoiceFilterSet(WagtailFilterSet):
    """A filterset whose choice filters fall back to their ``initial`` when not given."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name, filter_ in self.base_filters.items():
                initial = filter_.extra.get("initial")
                if initial and not data.get(name):
                    data[name] = initial
        super().__init__(data, *args, **kwargs)


class ShiftFilterSet(DefaultChoiceFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Campaign", field_name="event__campaign", queryset=_campaigns
    )
    event = django_filters.ModelChoiceFilter(label="Event", queryset=_events_with_shifts)
    # Upcoming by default: past campaigns pile up year after year.
    when = django_filters.ChoiceFilter(
        label="When",
        choices=[("upcoming", "Upcoming"), ("past", "Past"), ("any", "Any time")],
        method="filter_when",
        empty_label=None,
        initial="upcoming",
    )
    needs_volunteers = django_filters.ChoiceFilter(
        label="Needs volunteers",
        choices=[("yes", "Only shifts with places left")],
        method="filter_needs_volunteers",
        empty_label="All shifts",
    )

    class Meta:
        model = Shift
        fields = []

    def filter_when(self, queryset, name, value):
        if value == "upcoming":
            return roster.upcoming(queryset)
        if value == "past":
            return roster.past(queryset)
        return queryset

    def filter_needs_volunteers(self, queryset, name, value):
        return roster.needing_volunteers(queryset)


ROSTER_STATUSES = [
    ("active", "On the shift or waiting list"),
    *Booking.Status.choices,
    ("all", "Everyone, including cancelled"),
]


class RosterFilterSet(DefaultChoiceFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=ROSTER_STATUSES,
        method="filter_status",
        empty_label=None,
        initial="active",
    )

    class Meta:
        model = Booking
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "active":
            return queryset.filter(status__in=Booking.ACTIVE)
        if value == "all":
            return queryset
        return queryset.filter(status=value)


class CampaignRosterFilterSet(RosterFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Campaign", field_name="bookable__shift__event__campaign", queryset=_campaigns
    )
    event = django_filters.ModelChoiceFilter(
        label="Event", field_name="bookable__shift__event", queryset=_events_with_shifts
    )
    shift = django_filters.ModelChoiceFilter(
        label="Shift",
        field_name="bookable__shift",
        queryset=lambda request: Shift.objects.current().order_by("-starts_at"),
    )


class SafeExportMixin:
    # Names and needs are typed by the public: keep a CSV cell from starting a formula.
    # (Wagtail's XLSX export already stores such text as text.)
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: roster.spreadsheet_safe},
    }


class VolunteeringView(SafeExportMixin, ReportView):
    """Campaigns → events → shifts with fill rates: counts only, for any admin user."""

    page_title = "Volunteering"
    header_icon = "group"
    index_url_name = "events_admin:volunteering"
    index_results_url_name = "events_admin:volunteering_results"
    results_template_name = "events/admin/roster_overview_results.html"
    filterset_class = ShiftFilterSet
    # Grouped with totals per event and campaign, so one page holds the whole selection.
    paginate_by = None
    list_export = list(roster.FILL_HEADINGS)
    export_headings = roster.FILL_HEADINGS
    export_filename = "volunteer-fill-rates"
    verbose_name_plural = "shifts"

    def get_base_queryset(self):
        return roster.overview_shifts()

    def to_row_dict(self, item):
        return roster.fill_row(item)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["groups"] = roster.overview(context["object_list"])
        context["can_see_details"] = roster.can_see_details(self.request.user)
        return context


class RosterView(SafeExportMixin, ReportView):
    """Who is on which shift, with contact details and needs; filter by campaign, event."""

    page_title = "Volunteer roster"
    header_icon = "group"
    index_url_name = "events_admin:volunteer_roster"
    index_results_url_name = "events_admin:volunteer_roster_results"
    results_template_name = "events/admin/roster_results.html"
    filterset_class = CampaignRosterFilterSet
    paginate_by = 100
    list_export = list(roster.EXPORT_HEADINGS)
    export_headings = roster.EXPORT_HEADINGS
    export_filename = "volunteer-roster"
    verbose_name_plural = "sign-ups"
    shift = None

    def dispatch(self, request, *args, **kwargs):
        _require_details(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return roster.roster_bookings(shift=self.shift, statuses=None)

    def to_row_dict(self, item):
        return roster.export_row(item)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("events_admin:volunteering"), "label": "Volunteering"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["shift"] = self.shift
        return context


class ShiftRosterView(RosterView):
    """One shift's roster, with attendance, add, remove and message actions."""

    template_name = "events/admin/roster_shift.html"
    index_results_url_name = "events_admin:shift_roster_results"
    filterset_class = RosterFilterSet

    def dispatch(self, request, *args, **kwargs):
        _require_details(request.user)
        self.shift = get_object_or_404(
            roster.with_counts(Shift.objects.select_related("event__campaign")),
            pk=kwargs["shift_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.shift.role}: {self.shift.event.title}"

    def get_index_url(self):
        return reverse("events_admin:shift_roster", args=[self.shift.pk])

    def get_index_results_url(self):
        return reverse("events_admin:shift_roster_results", args=[self.shift.pk])

    def get_filename(self):
        return f"roster-{self.shift.event.slug}-{self.shift.pk}"

    @cached_property
    def header_buttons(self):
        shift = self.shift.pk
        return [
            Button(
                "Add a volunteer",
                url=reverse("events_admin:shift_add", args=[shift]),
                icon_name="plus",
                priority=10,
            ),
            Button(
                "Message everyone",
                url=reverse("events_admin:shift_message", args=[shift]),
                icon_name="mail",
                priority=20,
            ),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["fill"] = roster.fill_of(self.shift)
        context["local_start"] = roster.local_time(self.shift.starts_at, self.shift.time_zone)
        context["attendance_choices"] = Booking.Attendance.choices
        context["attendance_open"] = roster.attendance_open(self.shift)
        return context


# Actions on one shift's roster ---------------------------------------------------------


class AddVolunteerForm(forms.Form):
    name = forms.CharField(max_length=120)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=40, required=False)


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=roster.SUBJECT_MAX_LENGTH)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}))


def _shift_for(request, shift_id):
    _require_details(request.user)
    return get_object_or_404(Shift.objects.select_related("event"), pk=shift_id)


def _booking_on(shift, booking_id):
    # Only through its own shift, so a mistyped URL cannot reach another roster.
    return get_object_or_404(
        Booking.objects.select_related("person"), pk=booking_id, bookable_id=shift.pk
    )


def _back_to(shift):
    return redirect("events_admin:shift_roster", shift.pk)


def _form_page(request, shift, form, *, title, template, **context):
    roster_url = reverse("events_admin:shift_roster", args=[shift.pk])
    breadcrumbs = [
        {"url": reverse("wagtailadmin_home"), "label": "Home"},
        {"url": reverse("events_admin:volunteering"), "label": "Volunteering"},
        {"url": roster_url, "label": f"{shift.role}: {shift.event.title}"},
        {"url": "", "label": title},
    ]
    return TemplateResponse(
        request,
        template,
        {
            "shift": shift,
            "form": form,
            "header_title": title,
            "header_icon": "group",
            "breadcrumbs_items": breadcrumbs,
            "roster_url": roster_url,
            **context,
        },
    )


def add_volunteer(request, shift_id):
    shift = _shift_for(request, shift_id)
    form = AddVolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = roster.add_by_hand(
                shift.pk, added_by=request.user.get_username(), **form.cleaned_data
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            name = outcome.booking.person.name
            if outcome.already_booked:
                messages.info(request, f"{name} was already booked on {shift.role}.")
            else:
                messages.success(
                    request, f"{name} is booked on {shift.role} and will get a confirmation."
                )
            return _back_to(shift)
    return _form_page(
        request,
        shift,
        form,
        title=f"Add a volunteer to {shift.role}",
        template="events/admin/roster_add.html",
        seats_left=shift.seats_left,
    )


def message_volunteers(request, shift_id):
    shift = _shift_for(request, shift_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sender = request.user.get_full_name() or request.user.get_username()
        try:
            sent = roster.message_shift(shift.pk, sender=sender, **form.cleaned_data)
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            if sent:
                messages.success(
                    request,
                    f"Your message will be sent to {sent} {_people(sent)} within a minute.",
                )
            else:
                messages.warning(request, "Nobody holds a place on this shift: nothing was sent.")
            return _back_to(shift)
    return _form_page(
        request,
        shift,
        form,
        title=f"Message everyone on {shift.role}",
        template="events/admin/roster_message.html",
        recipients=roster.recipients(shift).count(),
    )


def remove_volunteer(request, shift_id, booking_id):
    shift = _shift_for(request, shift_id)
    booking = _booking_on(shift, booking_id)
    name = booking.person.name
    if request.method == "POST":
        outcome = booking_service.withdraw(booking.pk)
        if outcome.already_booked:
            messages.warning(request, f"{name} was not on this shift any more.")
        else:
            messages.success(
                request, f"{name} was removed from {shift.role} and will get a notice."
            )
        return _back_to(shift)
    return _form_page(
        request,
        shift,
        None,
        title=f"Remove {name}",
        template="events/admin/roster_remove.html",
        booking=booking,
    )


@require_POST
def set_attendance(request, shift_id, booking_id):
    shift = _shift_for(request, shift_id)
    booking = _booking_on(shift, booking_id)
    try:
        booking = roster.set_attendance(booking.pk, request.POST.get("attendance"))
    except BookingError as error:
        messages.error(request, error.message)
    else:
        label = booking.get_attendance_display().lower()
        messages.success(request, f"{booking.person.name}: {label}.")
    return _back_to(shift)


def _people(count):
    return "person" if count == 1 else "people"
