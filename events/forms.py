from django import forms


class AccessibleForm(forms.Form):
    """Ties each field's error and help text to it for screen readers (aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described_by = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            attrs = self.fields[name].widget.attrs
            attrs["aria-describedby"] = " ".join(described_by)
            attrs["aria-invalid"] = "true"


class ResendLinksForm(AccessibleForm):
    email = forms.EmailField(
        label="Your email address",
        help_text="We will send the links to your sign-ups to this address, if it has any.",
    )
    # Hidden from people; bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


PHONE_CHARACTERS = set("0123456789 +-().")


class ShiftSignupForm(AccessibleForm):
    """A volunteer's sign-up: contact details, the shift's requirements, and consent."""

    name = forms.CharField(
        label="Your name", max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We send a link to confirm your place. We never show your address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        required=False,
        help_text="Only for the volunteer coordinators, in case plans change on the day.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    access_needs = forms.CharField(
        label="Anything that would help you take part",
        max_length=1000,
        required=False,
        help_text="For example access needs. Only the volunteer coordinators see this.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=(
            "I agree that the organisers keep my name and contact details to run this shift, "
            "and delete them {days} days after it. I can delete them sooner from my sign-ups "
            "page."
        ),
        error_messages={"required": "Please tick this box so that we may keep your details."},
    )
    # Hidden from people; bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, requirements=(), retention_days=90, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = list(requirements)
        self.fields["consent"].label = self.fields["consent"].label.format(days=retention_days)
        consent = self.fields.pop("consent")
        for number, text in enumerate(self.requirements):
            self.fields[f"requirement_{number}"] = forms.BooleanField(
                label=text,
                error_messages={"required": "Please confirm this to take this shift."},
            )
        self.fields["consent"] = consent

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not set(phone) <= PHONE_CHARACTERS:
            raise forms.ValidationError("Use digits, spaces and + ( ) - only.")
        return phone

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name

    def confirmations(self):
        return [
            text
            for number, text in enumerate(self.requirements)
            if self.cleaned_data.get(f"requirement_{number}")
        ]
