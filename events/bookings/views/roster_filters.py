"""Filters of the volunteering and attendee overviews and rosters (Wagtail report views)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from events.bookings.models import Booking, Registration, Shift
from events.bookings.services import roster
from events.calendar.models import CampaignPage


def _campaigns(request):
    return CampaignPage.objects.in_source_language().order_by("-start_date", "title")


def _events_with_shifts(request):
    return roster.SHIFTS.events()


def _events_with_registrations(request):
    return roster.REGISTRATIONS.events()


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
        label=_("Campaign"), field_name="event__campaign", queryset=_campaigns
    )
    event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=_events_with_shifts)
    # Upcoming by default: past campaigns pile up year after year.
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("any", _("Any time"))],
        method="filter_when",
        empty_label=None,
        initial="upcoming",
    )
    needs_volunteers = django_filters.ChoiceFilter(
        label=_("Needs volunteers"),
        choices=[("yes", _("Only shifts with places left"))],
        method="filter_needs_volunteers",
        empty_label=_("All shifts"),
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
    event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=_events_with_registrations)
    needs_volunteers = django_filters.ChoiceFilter(
        label=_("Places"),
        choices=[("yes", _("Only events with places left"))],
        method="filter_needs_volunteers",
        empty_label=_("All events"),
    )

    class Meta:
        model = Registration
        fields = []


ROSTER_STATUSES = [
    ("active", _("On the shift or waiting list")),
    *Booking.Status.choices,
    ("all", _("Everyone, including cancelled")),
]


class RosterFilterSet(DefaultChoiceFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
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
        label=_("Campaign"), field_name="bookable__shift__event__campaign", queryset=_campaigns
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), field_name="bookable__shift__event", queryset=_events_with_shifts
    )
    shift = django_filters.ModelChoiceFilter(
        label=_("Shift"),
        field_name="bookable__shift",
        queryset=lambda request: Shift.objects.current().order_by("-starts_at"),
    )


class AttendeeListFilterSet(RosterFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"),
        field_name="bookable__registration__event__campaign",
        queryset=_campaigns,
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        field_name="bookable__registration__event",
        queryset=_events_with_registrations,
    )
