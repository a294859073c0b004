"""Wagtail admin: volunteering and attendee overviews, their rosters, and what
coordinators do on them.

One set of views serves both: each view has ``pages``, a ``Pages`` naming the kind of
bookable (``roster.SHIFTS`` or ``roster.REGISTRATIONS``), its URL names and its wording.

Counts (the overview, its export, the dashboard panel) are for anyone with admin access.
Rosters, their exports and every action show or change a volunteer's details, so they
need ``roster.DETAILS_PERMISSION``; a refusal raises PermissionDenied, which Wagtail's
admin turns into a redirect to the dashboard with a message. The rules live in
``events.bookings.services.roster`` and ``events.bookings.services.booking``.
"""

from dataclasses import dataclass

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
from wagtail.admin.widgets.button import HeaderButton

from events.bookings.models import UNLIMITED, Booking, Registration, Shift
from events.bookings.services import booking as booking_service
from events.bookings.services import hours, roster, shifts
from events.bookings.services.booking import BookingError
from events.calendar.models import CampaignPage


def _require_details(user):
    if not roster.can_see_details(user):
        raise PermissionDenied


def _campaigns(request):
    return CampaignPage.objects.order_by("-start_date", "title")


def _events_with_shifts(request):
    return roster.SHIFTS.events()


def _events_with_registrations(request):
    return roster.REGISTRATIONS.events()


@dataclass(frozen=True)
class Pages:
    """The admin pages of one kind of bookable: URL names and the words they use."""

    kind: roster.Kind
    section: str  # menu label and breadcrumb, e.g. "Volunteering"
    overview: str  # URL name of the counts overview
    roster: str  # URL name of the roster across shifts (by campaign, event)
    one: str  # prefix of the URL names for one shift: shift_roster, shift_add, ...
    roster_title: str
    person: str  # "volunteer"
    a_person: str  # "a volunteer"
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
    section="Volunteering",
    overview="volunteering",
    roster="volunteer_roster",
    one="shift",
    roster_title="Volunteer roster",
    person="volunteer",
    a_person="a volunteer",
    thing="shift",
    label_heading="Shift",
)
ATTENDEES = Pages(
    kind=roster.REGISTRATIONS,
    section="Attendees",
    overview="attendees",
    roster="attendee_list",
    one="registration",
    roster_title="Attendee list",
    person="attendee",
    a_person="an attendee",
    thing="event",
    label_heading="Event or meeting",
)


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


class RegistrationFilterSet(ShiftFilterSet):
    event = django_filters.ModelChoiceFilter(label="Event", queryset=_events_with_registrations)
    needs_volunteers = django_filters.ChoiceFilter(
        label="Places",
        choices=[("yes", "Only events with places left")],
        method="filter_needs_volunteers",
        empty_label="All events",
    )

    class Meta:
        model = Registration
        fields = []


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


class AttendeeListFilterSet(RosterFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Campaign", field_name="bookable__registration__event__campaign", queryset=_campaigns
    )
    event = django_filters.ModelChoiceFilter(
        label="Event",
        field_name="bookable__registration__event",
        queryset=_events_with_registrations,
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

    pages = VOLUNTEERS
    page_title = "Volunteering"
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
    verbose_name_plural = "shifts"

    def get_base_queryset(self):
        return roster.overview_bookables(self.pages.kind)

    def to_row_dict(self, item):
        return roster.fill_row(item, kind=self.pages.kind)

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
    page_title = "Attendees"
    results_template_name = "events/admin/attendees_results.html"
    index_url_name = "events_admin:attendees"
    index_results_url_name = "events_admin:attendees_results"
    filterset_class = RegistrationFilterSet
    list_export = list(roster.REGISTRATIONS.fill_headings)
    export_headings = roster.REGISTRATIONS.fill_headings
    export_filename = "attendee-places"
    verbose_name_plural = "events"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # The chart follows the campaign filter, else shows the current or next campaign.
        campaign = None
        if self.filters is not None and self.filters.is_valid():
            campaign = self.filters.form.cleaned_data.get("campaign")
        context["signups"] = roster.signup_chart(campaign)
        return context


class RosterView(SafeExportMixin, ReportView):
    """Who is on which shift, with contact details and needs; filter by campaign, event."""

    pages = VOLUNTEERS
    page_title = "Volunteer roster"
    header_icon = "group"
    index_url_name = "events_admin:volunteer_roster"
    index_results_url_name = "events_admin:volunteer_roster_results"
    results_template_name = "events/admin/roster_results.html"
    filterset_class = CampaignRosterFilterSet
    paginate_by = 100
    list_export = list(roster.SHIFTS.export_headings)
    export_headings = roster.SHIFTS.export_headings
    export_filename = "volunteer-roster"
    verbose_name_plural = "sign-ups"
    shift = None

    def dispatch(self, request, *args, **kwargs):
        _require_details(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return roster.roster_bookings(kind=self.pages.kind, shift=self.shift, statuses=None)

    def to_row_dict(self, item):
        return roster.export_row(item, kind=self.pages.kind)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
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
    page_title = "Attendee list"
    index_url_name = "events_admin:attendee_list"
    index_results_url_name = "events_admin:attendee_list_results"
    filterset_class = AttendeeListFilterSet
    list_export = list(roster.REGISTRATIONS.export_headings)
    export_headings = roster.REGISTRATIONS.export_headings
    export_filename = "attendee-list"
    verbose_name_plural = "registrations"


class ShiftRosterView(RosterView):
    """One shift's roster, with attendance, add, remove and message actions."""

    template_name = "events/admin/roster_shift.html"
    index_results_url_name = "events_admin:shift_roster_results"
    filterset_class = RosterFilterSet

    def dispatch(self, request, *args, **kwargs):
        _require_details(request.user)
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
                f"Add {self.pages.a_person}",
                url=reverse(self.pages.name("add"), args=[shift]),
                icon_name="plus",
                priority=10,
            ),
            HeaderButton(
                "Message everyone",
                url=reverse(self.pages.name("message"), args=[shift]),
                icon_name="mail",
                priority=20,
            ),
            HeaderButton(
                "Check in at the door",
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
    verbose_name_plural = "registrations"


# Actions on one shift's roster ---------------------------------------------------------


class AddVolunteerForm(forms.Form):
    name = forms.CharField(max_length=120)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=40, required=False)


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=roster.SUBJECT_MAX_LENGTH)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}))
    reply_to = forms.EmailField(
        label="Replies go to",
        max_length=254,
        required=False,
        help_text="People who answer your message write to this address (yours if empty).",
    )


def _shift_for(request, pages, shift_id):
    _require_details(request.user)
    return get_object_or_404(pages.kind.model.objects.select_related("event"), pk=shift_id)


def _booking_on(shift, booking_id):
    # Only through its own shift, so a mistyped URL cannot reach another roster.
    return get_object_or_404(
        Booking.objects.select_related("person"), pk=booking_id, bookable_id=shift.pk
    )


def _back_to(pages, shift):
    return redirect(pages.name("roster"), shift.pk)


def _form_page(request, pages, shift, form, *, title, template, **context):
    roster_url = reverse(pages.name("roster"), args=[shift.pk])
    breadcrumbs = [
        {"url": reverse("wagtailadmin_home"), "label": "Home"},
        {"url": reverse(pages.urls["overview"]), "label": pages.section},
        {"url": roster_url, "label": pages.heading(shift)},
        {"url": "", "label": title},
    ]
    return TemplateResponse(
        request,
        template,
        {
            "shift": shift,
            "pages": pages,
            "label": pages.kind.label(shift),
            "form": form,
            "header_title": title,
            "header_icon": "group",
            "breadcrumbs_items": breadcrumbs,
            "roster_url": roster_url,
            **context,
        },
    )


def add_volunteer(request, shift_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    label = pages.kind.label(shift)
    form = AddVolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = roster.add_by_hand(
                shift.pk,
                added_by=request.user.get_username(),
                kind=pages.kind,
                **form.cleaned_data,
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            name = outcome.booking.person.name
            if outcome.already_booked:
                messages.info(request, f"{name} was already booked on {label}.")
            else:
                messages.success(
                    request, f"{name} is booked on {label} and will get a confirmation."
                )
            return _back_to(pages, shift)
    return _form_page(
        request,
        pages,
        shift,
        form,
        title=f"Add {pages.a_person} to {label}",
        template="events/admin/roster_add.html",
        seats_left=None if shift.capacity >= UNLIMITED else shift.seats_left,
    )


def message_volunteers(request, shift_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    form = MessageForm(request.POST or None, initial={"reply_to": request.user.email})
    if request.method == "POST" and form.is_valid():
        sender = request.user.get_full_name() or request.user.get_username()
        fields = {**form.cleaned_data}
        fields["reply_to"] = fields["reply_to"] or request.user.email
        try:
            sent = roster.message_shift(shift.pk, sender=sender, kind=pages.kind, **fields)
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            if sent:
                messages.success(
                    request,
                    f"Your message will be sent to {sent} {_people(sent)} within a minute.",
                )
            else:
                messages.warning(
                    request, f"Nobody holds a place on this {pages.thing}: nothing was sent."
                )
            return _back_to(pages, shift)
    return _form_page(
        request,
        pages,
        shift,
        form,
        title=f"Message everyone on {pages.kind.label(shift)}",
        template="events/admin/roster_message.html",
        recipients=roster.recipients(shift).count(),
    )


def remove_volunteer(request, shift_id, booking_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    booking = _booking_on(shift, booking_id)
    name = booking.person.name
    if request.method == "POST":
        outcome = booking_service.withdraw(booking.pk)
        if outcome.already_booked:
            messages.warning(request, f"{name} was not on this {pages.thing} any more.")
        else:
            messages.success(
                request,
                f"{name} was removed from {pages.kind.label(shift)} and will get a notice.",
            )
        return _back_to(pages, shift)
    return _form_page(
        request,
        pages,
        shift,
        None,
        title=f"Remove {name}",
        template="events/admin/roster_remove.html",
        booking=booking,
    )


@require_POST
def set_attendance(request, shift_id, booking_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    booking = _booking_on(shift, booking_id)
    try:
        booking = roster.set_attendance(booking.pk, request.POST.get("attendance"), kind=pages.kind)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        label = booking.get_attendance_display().lower()
        messages.success(request, f"{booking.person.name}: {label}.")
    return _back_to(pages, shift)


@require_POST
def move_to_front(request, shift_id, booking_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    booking = _booking_on(shift, booking_id)
    try:
        roster.move_to_front(
            booking.pk,
            request.POST.get("note", ""),
            moved_by=request.user.get_username(),
            kind=pages.kind,
        )
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{booking.person.name} is now first on the waiting list.")
    return _back_to(pages, shift)


def _people(count):
    return "person" if count == 1 else "people"
