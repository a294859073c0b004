"""Helpers for the submission tests: a valid form, and the link the submitter is mailed."""

import re
from datetime import date

from django.urls import reverse

from events.models import OutboxMessage


def form_data(kind, /, **overrides):
    data = {
        "title": "Walk and talk",
        "summary": "A gentle walk by the river, with time to chat.",
        "description": "Meet at the gate.\n\nWear good shoes.",
        "kind": kind.pk,
        "start_date": date(2027, 5, 12).isoformat(),
        "start_time": "10:00",
        "end_time": "11:30",
        "time_zone": "Europe/London",
        "attendance_mode": "in_person",
        "venue_name": "Riverside Park gate",
        "venue_address": "1 River Road\nRiverside RV1 1AA",
        "venue_area": "Riverside",
        "name": "Ada Walker",
        "email": "ada@example.org",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def mailed_token(email):
    """The token in the last link mailed to ``email``."""
    row = OutboxMessage.objects.filter(recipient=email).latest("pk")
    return re.search(r"/events/add/confirm/([^/\s]+)/", row.payload["body"]).group(1)


def confirm_url(token):
    return reverse("events:submission_confirm", args=[token])


def edit_url(token):
    return reverse("events:submission_edit", args=[token])
