"""The base of every public form: plain-worded errors, a honeypot, and the fields it shows."""

from django import forms

HONEYPOT_FIELD = "website"


class PublicForm(forms.Form):
    """A form anyone may post, rendered by components/form_fields.html.

    Django ties each field's help text and error to it (aria-describedby, aria-invalid);
    the template gives those elements the ids Django points at. The honeypot is a real text
    input kept out of sight and out of the tab order: bots fill it in, people never see it.
    """

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _say_it_plainly(field)

    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def shown_fields(self):
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]


ENTER_AN_EMAIL = "Enter an email address like name@example.com"


def _say_it_plainly(field):
    """Django's generic messages ("Ensure this value has at most 120 characters") in words
    that name the field and say what to do. Messages a field sets itself are kept."""
    label = str(field.label or "This")
    plain = {}
    if getattr(field, "max_length", None):
        plain["max_length"] = f"{label} must be {field.max_length:,} characters or fewer"
    if getattr(field, "min_length", None):
        plain["min_length"] = f"{label} must be at least {field.min_length:,} characters"
    if isinstance(field, forms.EmailField):
        plain["invalid"] = ENTER_AN_EMAIL
    if isinstance(field, forms.ChoiceField):
        plain["invalid_choice"] = "Choose one of the options"
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    for code, message in plain.items():
        if field.error_messages.get(code) in (None, defaults.get(code)):
            field.error_messages[code] = message
