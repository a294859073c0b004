"""Render a mail's text and HTML once per bookable, not once per recipient.

A hundred people on one shift get the same reminder apart from their name and their
links. Rendering the templates costs far more than sending, so the bodies are rendered
once with placeholders and each copy fills in its own values (HTML-escaped in the HTML
part). The cache key covers every field of the bookable, what the templates may read of
the booking and the active language, so a changed shift can never get an old body nor a
reader another language's; nothing about one person is ever rendered into a cached body,
so it cannot reach another person's mail.
"""

import json
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language

# Unlikely in any text, untouched by autoescaping. Templates must print these values
# plainly (no filters), or the placeholder would not be found again.
PERSONAL = ("name", "confirm_url", "manage_url")
PLACEHOLDERS = {key: f"\u27e6{key}\u27e7" for key in PERSONAL}
MAX_ENTRIES = 512

_cache = {}


def _bookable_key(bookable):
    return tuple(
        (field.attname, getattr(bookable, field.attname))
        for field in bookable._meta.concrete_fields
    )


def _booking_view(booking):
    """What templates may know of a booking: nothing that names or reaches the person."""
    return SimpleNamespace(
        status=booking.status,
        confirmed_at=booking.confirmed_at is not None,
        get_status_display=booking.get_status_display(),
    )


def render(template, *, bookable, booking, payload, shared):
    """(text, html) for one recipient: ``shared`` is the context all recipients share,
    ``PERSONAL`` values come from ``shared["personal"]``."""
    view = _booking_view(booking)
    key = (
        template,
        get_language(),  # the bodies are rendered in the active language
        _bookable_key(bookable),
        tuple(sorted(vars(view).items())),
        json.dumps(payload, sort_keys=True, default=str),
        tuple(sorted((k, v) for k, v in shared.items() if k != "personal")),
    )
    bodies = _cache.get(key)
    if bodies is None:
        context = {
            **{k: v for k, v in shared.items() if k != "personal"},
            **PLACEHOLDERS,
            "bookable": bookable,
            "booking": view,
            "payload": payload,
        }
        bodies = (
            render_to_string(f"emails/{template}.txt", context),
            render_to_string(f"emails/{template}.html", context),
        )
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        _cache[key] = bodies
    text, html = bodies
    for name, value in shared["personal"].items():
        text = text.replace(PLACEHOLDERS[name], value)
        html = html.replace(PLACEHOLDERS[name], escape(value))
    return text, html
