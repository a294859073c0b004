"""Editing events in the Wagtail admin: the friendly repeat form, and clear errors."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset

from events.bookings.services import booking as booking_service
from events.models import EventPage, Occurrence, Shift
from tests.events import factories
from tests.events.calendar.helpers import add_url, form

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "", "pw-123456789")
    client.force_login(user)
    return client


def test_editor_publishes_a_weekly_group_from_the_friendly_form(editor):
    index = factories.site_with_index()

    response = editor.post(add_url(index), form())

    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="tuesday-circle")
    assert event.live and event.rrule.startswith("FREQ=WEEKLY")
    assert "BYDAY=TU" in event.rrule
    keys = list(Occurrence.objects.filter(event=event).values_list("key", flat=True))
    assert keys[0] == "2027-03-16" and "2027-03-30" not in keys and len(keys) == 6


def test_a_start_date_off_the_rule_is_explained_on_the_form(editor):
    index = factories.site_with_index()

    response = editor.post(add_url(index), form(start_date="2027-03-17"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "must itself be one of the repeating days" in html
    assert not EventPage.objects.filter(slug="tuesday-circle").exists()


def test_first_monday_monthly_from_the_form(editor):
    index = factories.site_with_index()

    response = editor.post(
        add_url(index),
        form(
            start_date="2027-05-03",
            repeat="MONTHLY",
            repeat_weekdays=["MO"],
            repeat_monthly_position="1",
            repeat_until="",
            repeat_count="3",
            exceptions=inline_formset([]),
        ),
    )

    assert response.status_code == 302
    event = EventPage.objects.get(slug="tuesday-circle")
    starts = [o.key for o in Occurrence.objects.filter(event=event)]
    assert starts == ["2027-05-03", "2027-06-07", "2027-07-05"]
    assert event.start_date == date(2027, 5, 3)


def test_a_skipped_or_changed_date_off_the_rule_is_explained(editor):
    index = factories.site_with_index()

    response = editor.post(
        add_url(index),
        form(
            exceptions=inline_formset([{"date": "2027-03-31"}]),  # a Wednesday
            overrides=inline_formset(
                [{"original_date": "2027-04-07", "cancelled": "on", "note": "", "venue": ""}]
            ),
        ),
    )

    assert response.status_code == 200
    assert response.content.decode().count("not one of the meeting dates") == 2
    assert not EventPage.objects.filter(slug="tuesday-circle").exists()


def shift_row(**fields):
    row = {
        "role": "Greeter",
        "description": "",
        "date": "2027-03-23",
        "start_time": "18:00",
        "end_time": "20:30",
        "capacity": "2",
        "requirements": "",
        "location_note": "",
        "opens_at": "",
        "closes_at": "",
    }
    row.update(fields)
    return row


def test_editor_adds_a_shift_to_one_meeting_of_a_weekly_group(editor):
    index = factories.site_with_index()

    response = editor.post(add_url(index), form(shifts=inline_formset([shift_row()])))

    assert response.status_code == 302, response.content.decode()[:3000]
    shift = Shift.objects.get(event__slug="tuesday-circle")
    assert shift.occurrence_key == "2027-03-23" and shift.capacity == 2


def test_shift_mistakes_are_explained_next_to_the_shift(editor):
    index = factories.site_with_index()

    response = editor.post(
        add_url(index),
        form(
            shifts=inline_formset(
                [
                    shift_row(date="2027-03-24"),  # a Wednesday: no meeting
                    shift_row(date="", role="Tea"),
                    shift_row(start_time="20:00", end_time="19:00", role="Late"),
                ]
            )
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose one of the dates this event meets on." in html
    assert "Choose which meeting this shift is for." in html
    assert "The shift must end after it starts" in html
    assert not Shift.objects.exists()


def test_capacity_cannot_go_below_the_volunteers_already_booked(editor):
    index = factories.site_with_index()
    editor.post(add_url(index), form(shifts=inline_formset([shift_row()])))
    event = EventPage.objects.get(slug="tuesday-circle")
    shift = Shift.objects.get(event=event)
    for email in ("ana@example.org", "ben@example.org"):
        # Confirmed one by one: at most half the places may be held unconfirmed at once.
        held = booking_service.sign_up(shift.pk, name="V", email=email, now=NOW).booking
        booking_service.confirm(held.pk, now=NOW)
    planned = event.shifts.get()

    response = editor.post(
        f"/admin/pages/{event.pk}/edit/",
        form(shifts=inline_formset([{"id": planned.pk, **shift_row(capacity="1")}], initial=1)),
    )

    assert response.status_code == 200
    assert "2 volunteers already hold a place" in response.content.decode()
    shift.refresh_from_db()
    assert shift.capacity == 2


def test_venues_and_kinds_share_one_menu_group_and_keep_their_urls(editor):
    venue, kind = factories.venue(name="Alder Room"), factories.kind("Walk", "walk")
    pages = [
        "/admin/snippets/events/venue/",
        f"/admin/snippets/events/venue/edit/{venue.pk}/",
        "/admin/snippets/events/eventkind/",
        f"/admin/snippets/events/eventkind/edit/{kind.pk}/",
    ]
    for url in pages:
        assert editor.get(url).status_code == 200, url

    menu = editor.get("/admin/").content.decode()
    assert "Venues and kinds" in menu
    assert "/admin/snippets/events/venue/" in menu
    assert "/admin/snippets/events/eventkind/" in menu
