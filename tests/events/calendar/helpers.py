"""Helpers shared by the calendar tests (and the bookings tests that edit an event page):
the data the Wagtail admin's event form posts, and where it posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.events import factories


def form(**overrides):
    kind = factories.kind("Support group", "support-group")
    venue = factories.venue()
    data = {
        "title": "Tuesday circle",
        "slug": "tuesday-circle",
        "kind": kind.pk,
        "campaign": "",
        "summary": "We meet weekly.",
        "body": streamfield([]),
        "start_date": "2027-03-16",
        "start_time": "18:30",
        "end_date": "",
        "end_time": "20:00",
        "time_zone": "Europe/London",
        "repeat": "WEEKLY",
        "repeat_interval": "1",
        "repeat_weekdays": ["TU"],
        "repeat_monthly_position": "",
        "repeat_until": "2027-04-27",
        "repeat_count": "",
        "exceptions": inline_formset([{"date": "2027-03-30"}]),
        "overrides": inline_formset([]),
        "shifts": inline_formset([]),
        "reminder_hours": "",
        "attendance_mode": "in_person",
        "venue": venue.pk,
        "join_url": "",
        "cost": "",
        "language": "English",
        "registration_notes": "",
        # The Registration panel: a select always posts a value.
        "registration_mode": "off",
        "status": "scheduled",
        "status_reason": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    weekdays = data.pop("repeat_weekdays")
    return {**nested_form_data(data), "repeat_weekdays": weekdays}


def add_url(index):
    return f"/admin/pages/add/events/eventpage/{index.pk}/"
