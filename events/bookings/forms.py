"""Public forms for bookings: a shift or a place, and asking for links again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.bookings.models import HowHeard
from events.core.forms import PublicForm


class ResendLinksForm(PublicForm):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We will send the links to your sign-ups to this address, if it has any."),
        error_messages={"required": _("Enter your email address")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


PHONE_CHARACTERS = set("0123456789 +-().")


def access_needs_field(help_text):
    return forms.CharField(
        label=_("Anything that would help you take part"),
        max_length=1000,
        required=False,
        help_text=help_text,
        error_messages={"max_length": _("Keep this to 1,000 characters or fewer")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BookingForm(PublicForm):
    """What every public booking asks (shift or registration): who, and their consent.

    The consent box always comes last, after whatever a subclass adds.
    """

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Enter your name")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={"required": _("Enter your email address")},
        help_text=_("We send a link to confirm your place. We never show your address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _(
                "Tick the box to agree that we may keep your details, or we cannot book you a place"
            )
        },
    )
    consent_label = _(
        "I agree that the organisers keep my name and contact details to run this, "
        "and delete them %(days)s days after it. I can delete them sooner from my sign-ups "
        "page."
    )

    def __init__(self, *args, retention_days=90, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = self.consent_label % {"days": retention_days}
        self.add_extra_fields()
        self.fields["consent"] = self.fields.pop("consent")

    def add_extra_fields(self):
        """Fields that depend on what is booked, placed just before the consent box."""

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name"))
        return name


class ShiftSignupForm(BookingForm):
    """A volunteer's sign-up: contact details, the shift's requirements, and consent."""

    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        help_text=_("Only for the volunteer coordinators, in case plans change on the day."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    access_needs = access_needs_field(
        help_text=_("For example access needs. Only the volunteer coordinators see this.")
    )
    consent_label = _(
        "I agree that the organisers keep my name and contact details to run this shift, "
        "and delete them %(days)s days after it. I can delete them sooner from my sign-ups "
        "page."
    )

    def __init__(self, *args, requirements=(), repeating=False, **kwargs):
        self.requirements = list(requirements)
        self.repeating = repeating
        super().__init__(*args, **kwargs)

    def add_extra_fields(self):
        if self.repeating:
            self.fields["meetings"] = forms.ChoiceField(
                label=_("Which meetings will you help at?"),
                choices=[
                    ("one", _("This meeting only")),
                    ("every", _("Every meeting until I stop")),
                ],
                initial="one",
                error_messages={
                    "required": _("Choose this meeting only or every meeting"),
                    "invalid_choice": _("Choose this meeting only or every meeting"),
                },
                help_text=_(
                    "Every meeting: once you confirm this one, we book you on this "
                    "shift at each meeting. You can stop from your sign-ups page."
                ),
                widget=forms.RadioSelect,
            )
        for number, text in enumerate(self.requirements):
            self.fields[f"requirement_{number}"] = forms.BooleanField(
                label=text,
                error_messages={
                    "required": _("Tick the box to confirm this, or choose another shift")
                },
            )

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not set(phone) <= PHONE_CHARACTERS:
            raise forms.ValidationError(_("Use digits, spaces and + ( ) - only."))
        return phone

    @property
    def every_meeting(self):
        return self.repeating and self.cleaned_data.get("meetings") == "every"

    def confirmations(self):
        return [
            text
            for number, text in enumerate(self.requirements)
            if self.cleaned_data.get(f"requirement_{number}")
        ]


class RegistrationForm(BookingForm):
    """Registering to attend an event (or one meeting, or every meeting, of a group)."""

    access_needs = access_needs_field(
        help_text=_("For example access needs. Only the organisers see this.")
    )
    how_heard = forms.ChoiceField(
        label=_("How did you hear about us?"),
        required=False,
        choices=[("", _("Prefer not to say")), *HowHeard.choices],
        help_text=_("It helps us reach more people. We only count the answers."),
    )
    consent_label = _(
        "I agree that the organisers keep my name and contact details to run this event, "
        "and delete them %(days)s days after it. I can delete them sooner from my sign-ups "
        "page."
    )

    def __init__(self, *args, repeating=False, **kwargs):
        self.repeating = repeating
        super().__init__(*args, **kwargs)

    def add_extra_fields(self):
        if self.repeating:
            self.fields["meetings"] = forms.ChoiceField(
                label=_("Which meetings?"),
                choices=[
                    ("one", _("Just this meeting")),
                    ("every", _("Every meeting until I cancel")),
                ],
                initial="one",
                required=False,  # no answer means just this meeting
                widget=forms.RadioSelect,
            )

    @property
    def every_meeting(self):
        return self.repeating and self.cleaned_data.get("meetings") == "every"
