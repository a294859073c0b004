"""The public "add your event" form and the submitter's edit form."""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from events.calendar.models import AttendanceMode, EventKind, EventStatus
from events.calendar.models.choices import time_zone_choices
from events.core.forms import PublicForm
from events.core.widgets import LongSelect
from events.submissions.services import submitting

WEB_ONLY = [URLValidator(schemes=["http", "https"])]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what type=date needs
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _web_address(label, **kwargs):
    return forms.URLField(
        label=label,
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=WEB_ONLY,
        error_messages={"invalid": _("Enter a web address starting with https:// or http://")},
        **kwargs,
    )


# What each required field's message says, in words that say what to do.
REQUIRED = {
    "title": _("Enter a title for your event"),
    "summary": _("Enter a sentence or two about your event"),
    "kind": _("Choose the kind of event"),
    "start_date": _("Enter the date of your event"),
    "start_time": _("Enter the time it starts"),
    "time_zone": _("Choose a time zone"),
    "attendance_mode": _("Choose where it happens"),
    "name": _("Enter your name"),
    "email": _("Enter your email address"),
    "status": _("Choose a status"),
}


class EventFields(PublicForm):
    """What the submitter says about the event, on both forms."""

    title = forms.CharField(label=_("Title"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences for the events list."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    kind = forms.ModelChoiceField(queryset=EventKind.objects.all(), label=_("Kind of event"))
    start_date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TIME)
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DATE,
        help_text=_("Only if it ends on a later day."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, widget=LongSelect
    )
    repeats_weekly = forms.BooleanField(
        label=_("It happens every week on this day"), required=False
    )
    repeat_until = forms.DateField(label=_("Last week it happens"), required=False, widget=DATE)
    attendance_mode = forms.ChoiceField(
        label=_("Where"), choices=AttendanceMode.choices, widget=forms.RadioSelect
    )
    venue_name = forms.CharField(label=_("Venue name"), max_length=120, required=False)
    venue_address = forms.CharField(
        label=_("Venue address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    venue_area = forms.CharField(
        label=_("Area"),
        max_length=80,
        required=False,
        help_text=_("Neighbourhood or town: all the public sees of a private address."),
    )
    join_url = _web_address(_("Online join link"))
    cost = forms.CharField(
        label=_("Cost"), max_length=80, required=False, help_text=_("Empty means free.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("Enter a date like 2027-05-12")
            elif isinstance(field, forms.TimeField):
                field.error_messages["invalid"] = _("Enter a time like 18:30")
        self.fields["time_zone"].initial = settings.TIME_ZONE
        self.fields["attendance_mode"].initial = AttendanceMode.IN_PERSON

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("attendance_mode")
        if mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID) and not cleaned.get("join_url"):
            self.add_error("join_url", _("Give the link people use to join online."))
        if cleaned.get("repeat_until") and not cleaned.get("repeats_weekly"):
            self.add_error("repeat_until", _("Tick 'every week' too, or leave this empty."))
        return cleaned

    def event_values(self):
        names = [*EventFields.base_fields]
        return {name: self.cleaned_data.get(name) for name in names if name != "website"}


class SubmitEventForm(EventFields):
    campaign = forms.ModelChoiceField(
        queryset=submitting.open_campaigns(),
        required=False,
        label=_("Part of a campaign"),
        empty_label=_("No particular campaign"),
    )
    support_group = forms.BooleanField(
        label=_("This is a support group"),
        required=False,
        help_text=_("The address and join link are then shared only with people who register."),
    )
    organiser_name = forms.CharField(label=_("Organised by"), max_length=120, required=False)
    organiser_website = _web_address(_("Organiser's website"))
    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send you a link to confirm. It is never shown on the site."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the campaign team may publish this event and contact me about it"),
        error_messages={"required": _("Please tick this box so we can publish your event")},
    )

    field_order = [
        "title", "summary", "description", "kind", "campaign", "support_group", "start_date",
        "start_time", "end_time", "end_date", "time_zone", "repeats_weekly", "repeat_until",
        "attendance_mode", "venue_name", "venue_address", "venue_area", "join_url", "cost",
        "organiser_name", "organiser_website", "name", "email", "consent",
    ]  # fmt: skip


class EditEventForm(EventFields):
    status = forms.ChoiceField(choices=EventStatus.choices, label=_("Status"))
    status_reason = forms.CharField(
        label=_("Why (if postponed or cancelled)"), max_length=300, required=False
    )
