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
