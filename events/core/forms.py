"""The base of every public form: plain-worded errors, a honeypot, and the fields it shows."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class PublicForm(forms.Form):
    """A form anyone may post, rendered by components/form_fields.html.

    Django ties each field's help text and error to it (aria-describedby, aria-invalid);
    the template gives those elements the ids Django points at. The honeypot is a real text
    input kept out of sight and out of the tab order: bots fill it in, people never see it.
    """

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
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


ENTER_AN_EMAIL = _("Enter an email address like name@example.com")


def _say_it_plainly(field):
    """Django's generic messages ("Ensure this value has at most 120 characters") in words
    that name the field and say what to do. Messages a field sets itself are kept."""
    # Translators: stands in for a field's name in "... must be 120 characters or fewer".
    label = str(field.label or gettext("This"))
    plain = {}
    if getattr(field, "max_length", None):
        plain["max_length"] = gettext("%(label)s must be %(count)s characters or fewer") % {
            "label": label,
            "count": number_format(field.max_length, force_grouping=True),
        }
    if getattr(field, "min_length", None):
        plain["min_length"] = gettext("%(label)s must be at least %(count)s characters") % {
            "label": label,
            "count": number_format(field.min_length, force_grouping=True),
        }
    if isinstance(field, forms.EmailField):
        plain["invalid"] = ENTER_AN_EMAIL
    if isinstance(field, forms.ChoiceField):
        plain["invalid_choice"] = gettext("Choose one of the options")
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    for code, message in plain.items():
        if field.error_messages.get(code) in (None, defaults.get(code)):
            field.error_messages[code] = message
