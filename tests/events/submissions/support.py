"""Helpers for the submission tests: a valid form, the link the submitter is mailed, the
trusted partner, an edit through the link and the review it may start."""

import re
from datetime import date

from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import OutboxMessage, Partner


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


def moderator_mo():
    """Mo, a member of the Moderators group."""
    from django.contrib.auth import get_user_model

    from tests.support.wagtail_tree import ensure_editorial_roles

    _editors, moderators = ensure_editorial_roles()
    user = get_user_model().objects.create_user(
        username="mo", email="mo@example.org", password="x", first_name="Mo"
    )
    user.groups.add(moderators)
    return user


def trusted_partner(campaign):
    """The Town Library, trusted to publish directly in ``campaign``."""
    partner = Partner.objects.create(
        name="Town Library", slug="town-library", contact_email="events@library.example"
    )
    partner.trusted_campaigns.add(campaign)
    partner.save()
    return partner


def in_review(page):
    return WorkflowState.objects.for_instance(page).filter(status="in_progress").first()


def edit(client, token, kind, **changes):
    """Post ``changes`` through the submitter's edit link; it answers with a redirect."""
    data = form_data(kind, **{"status": "scheduled", **changes})
    for key in ("name", "email", "consent"):
        data.pop(key, None)
    response = client.post(edit_url(token), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response
