"""Every open volunteer shift across events and campaigns, and the volunteering filters.

A shift is listed while its event is live and public and people can still sign up or join
its waiting list. Filters are a plain GET form, so each combination is a shareable URL.
"""

from datetime import timedelta

from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.bookings.models import Shift
from events.bookings.services.bookables import state
from events.bookings.services.shifts import ShiftCard
from events.calendar.services.listing import local_midnight
from events.core.services import restrictions

LISTED_STATES = ("open", "full")


class DateInput(forms.DateInput):
    input_type = "date"


class VolunteerFilterForm(forms.Form):
    from_date = forms.DateField(
        label=_("From"), required=False, widget=DateInput(format="%Y-%m-%d")
    )
    to_date = forms.DateField(label=_("To"), required=False, widget=DateInput(format="%Y-%m-%d"))
    role = forms.ChoiceField(label=_("Role"), required=False)
    places = forms.BooleanField(label=_("Only shifts with places left"), required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Any role")), *((role, role) for role in roles)]

    def is_filtered(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


def _candidates(now):
    return (
        Shift.objects.current()
        .with_public_seats()
        .filter(event__live=True, ends_at__gt=now)
        .select_related("event", "event__venue", "event__campaign")
        .order_by("starts_at", "pk")
    )


def roles(now=None):
    """The roles of shifts still ahead, for the role filter's choices."""
    now = now or timezone.now()
    return sorted(set(_candidates(now).values_list("role", flat=True)))


def open_shifts(
    *, from_date=None, to_date=None, role="", places=False, step_free=False, now=None, request=None
):
    """Shift cards people can still sign up for (or queue for), soonest first."""
    now = now or timezone.now()
    shifts = _candidates(now)
    if from_date:
        shifts = shifts.filter(ends_at__gte=local_midnight(from_date))
    if to_date:
        shifts = shifts.filter(starts_at__lt=local_midnight(to_date + timedelta(days=1)))
    if role:
        shifts = shifts.filter(role=role)
    if places:
        shifts = shifts.filter(seats_taken__lt=F("capacity"))
    if step_free:
        # A shift happens at its event's venue; an online-only event has none to reach.
        shifts = shifts.filter(event__venue__step_free=True)
    paths = restrictions.restricted_paths()
    cards = []
    for shift in shifts:
        event = shift.event
        shift_state = state(shift, now)
        if restrictions.is_restricted(event, paths) or shift_state not in LISTED_STATES:
            continue
        url = (event.get_url(request) or "") + event.reverse_subpage(
            "shift_signup", kwargs={"shift_id": shift.pk}
        )
        cards.append(ShiftCard(shift, shift_state, url))
    return cards


def filtered(data, *, now=None, request=None):
    """(form, cards) for the volunteering page; invalid filters are reported and ignored."""
    now = now or timezone.now()
    form = VolunteerFilterForm(data or None, roles=roles(now))
    values = {}
    if form.is_bound and form.is_valid():
        values = form.cleaned_data
    elif form.is_bound:
        values = {name: form.cleaned_data.get(name) for name in form.cleaned_data}
    return form, open_shifts(now=now, request=request, **values)
