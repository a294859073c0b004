"""LongSelect (events.core.widgets) only draws faster: the same markup as Django's select."""

import re

import pytest
from django import forms

from events.core.widgets import LongSelect
from events.models import EventPage


def squeeze(html):
    """Markup with the whitespace between tags (which Django's per-option include adds)
    taken out."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


CHOICES = [("", "Any"), ("a&b", "Cook & <cleaner>"), ("1", "One"), ("2", "Two")]


@pytest.mark.parametrize(
    ("name", "value", "attrs"),
    [
        ("role", "a&b", None),
        ("role", None, {"id": "id_role", "required": True}),
        ("role", "2", {"id": "id_role", "aria-describedby": "role-help", "disabled": False}),
        # How Wagtail draws a copy of each field's widget for its scripts.
        ("__NAME__", None, {"id": "__ID__"}),
    ],
)
def test_long_select_writes_the_markup_of_djangos_select(name, value, attrs):
    long_html = LongSelect(choices=CHOICES).render(name, value, attrs)
    plain_html = forms.Select(choices=CHOICES).render(name, value, attrs)

    assert squeeze(long_html) == squeeze(plain_html)


@pytest.mark.django_db
def test_the_event_forms_time_zone_and_language_selects_are_djangos_markup():
    event = EventPage(title="Circle", language="cy", time_zone="America/New_York")
    form = EventPage.get_edit_handler().get_form_class()(instance=event, for_user=None)

    for name in ("time_zone", "language"):
        field = form[name]
        assert isinstance(field.field.widget, LongSelect)
        plain = field.as_widget(widget=forms.Select(choices=field.field.widget.choices))
        assert squeeze(field.as_widget()) == squeeze(plain)
    assert '<option value="America/New_York" selected>' in str(form["time_zone"])
    assert '<option value="cy" selected>Welsh</option>' in str(form["language"])


def test_the_public_submission_forms_time_zone_select_is_djangos_markup():
    from events.submissions.forms import SubmitEventForm

    form = SubmitEventForm({"time_zone": "Asia/Tokyo"})
    field = form["time_zone"]

    assert isinstance(field.field.widget, LongSelect)
    plain = field.as_widget(widget=forms.Select(choices=field.field.choices))
    assert squeeze(field.as_widget()) == squeeze(plain)
    assert '<option value="Asia/Tokyo" selected>' in str(field)
