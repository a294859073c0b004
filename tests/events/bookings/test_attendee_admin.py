"""The attendee lists in the admin: the volunteer roster's views and rules, applied to
registrations. Who sees what, exports, check-in, and the registrations chart."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.bookings.services import booking as booking_service
from events.models import Booking, OutboxMessage, Registration
from tests.events import factories
from tests.events.bookings.helpers.admin import booking_of, login, messages_on, text, url
from tests.events.bookings.helpers.attendees import breathing_workshop, evening_talk, register
from tests.events.bookings.helpers.campaign import this_months_campaign
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
Status = Booking.Status


def _build_workshop():
    campaign = this_months_campaign()
    return {
        "campaign": campaign,
        "workshop": breathing_workshop(campaign),
        "started": evening_talk(campaign),
    }


# This month's campaign, its workshop (Olu confirmed, Pita not) and yesterday's talk
# (Quilla confirmed), built once for the module: each test reads its own copies and its
# writes are undone. The pages for upcoming events leave the talk out; the rest name a
# registration. Yesterday's talk on its own is in test_attendee_admin_talk.py.
workshop_rows = module_rows(_build_workshop)


@pytest.fixture
def campaign(workshop_rows, db):
    return fresh(workshop_rows["campaign"])


@pytest.fixture
def workshop(workshop_rows, db):
    """Ten days ahead, two places: Olu confirmed (with access needs), Pita unconfirmed."""
    return fresh(workshop_rows["workshop"])


@pytest.fixture
def started(workshop_rows, db):
    """Yesterday's talk with no limit on places: Quilla confirmed."""
    return fresh(workshop_rows["started"])


NAMES = ("Olu", "olu@example.org", "Hearing loop", "Pita", "pita@example.org")


def shown(detail, html):
    """``detail`` as a word of the page, not three letters inside a random CSRF token or CSP
    nonce (a page full of tokens contains "Olu" now and then)."""
    token_character = r"[A-Za-z0-9+/=_-]"
    pattern = rf"(?<!{token_character}){re.escape(detail)}(?!{token_character})"
    return re.search(pattern, html) is not None


def detail_requests(registration):
    """Every attendee page, export and action that shows or touches someone's details."""
    olu = booking_of(registration, "Olu")
    one = registration.pk
    return [
        ("get", url("attendee_list"), None),
        ("get", url("attendee_list_results"), None),
        ("get", url("attendee_list", export="csv"), None),
        ("get", url("attendee_list", export="xlsx"), None),
        ("get", url("registration_roster", one), None),
        ("get", url("registration_roster_results", one), None),
        ("get", url("registration_roster", one, export="csv"), None),
        ("get", url("registration_roster", one, export="xlsx"), None),
        ("get", url("registration_add", one), None),
        ("post", url("registration_add", one), {"name": "Vesna", "email": "vesna@example.org"}),
        ("get", url("registration_message", one), None),
        ("post", url("registration_message", one), {"subject": "Hi", "body": "Text"}),
        ("get", url("registration_remove", one, olu.pk), None),
        ("post", url("registration_remove", one, olu.pk), {}),
        ("post", url("registration_attendance", one, olu.pk), {"attendance": "no_show"}),
    ]


# Who sees what -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, workshop):
    for method, path, data in [("get", url("attendees"), None), *detail_requests(workshop)]:
        response = getattr(client, method)(path, data or {})
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/?next="), path


def test_editors_see_counts_and_the_chart_but_never_names(client, django_user_model, workshop):
    login(client, django_user_model, "editor")

    overview = client.get(url("attendees"))
    dashboard = text(client.get("/admin/"))
    counts_csv = text(client.get(url("attendees", export="csv")))

    assert overview.status_code == 200
    html = text(overview)
    assert "Calm breathing workshop" in html and "1 of 2 confirmed" in html
    assert "Registrations over time" in html
    for page in (html, dashboard, counts_csv):
        for detail in NAMES:
            assert detail not in page
    assert url("registration_roster", workshop.pk) not in html
    assert reverse("events_admin:attendees") in dashboard  # the menu item


def test_editors_are_refused_every_detail_page_export_and_action(
    client, django_user_model, workshop
):
    login(client, django_user_model, "editor")
    outbox_rows = OutboxMessage.objects.count()

    for method, path, data in detail_requests(workshop):
        response = getattr(client, method)(path, data or {})
        assert (response.status_code, response["Location"]) == (302, "/admin/"), path
        followed = text(client.get(response["Location"]))
        assert "Sorry, you do not have permission to access this area." in followed
        for detail in NAMES:
            assert not shown(detail, followed), (path, detail)

    assert Booking.objects.filter(bookable_id=workshop.pk, status__in=Booking.ACTIVE).count() == 2
    assert not Booking.objects.filter(person__name="Vesna").exists()
    assert booking_of(workshop, "Olu").attendance == ""
    assert OutboxMessage.objects.count() == outbox_rows


@pytest.mark.parametrize("kind", ["coordinator", "superuser"])
def test_coordinators_and_superusers_see_the_attendee_list(
    client, django_user_model, workshop, kind
):
    login(client, django_user_model, kind)

    overview = text(client.get(url("attendees")))
    page = client.get(url("registration_roster", workshop.pk))
    by_event = client.get(url("attendee_list", event=workshop.event_id))

    assert url("registration_roster", workshop.pk) in overview
    assert page.status_code == by_event.status_code == 200
    for html in (text(page), text(by_event)):
        for detail in NAMES:
            assert detail in html
        assert "A poster or leaflet" in html
        assert "Waiting for email confirmation" in html
    for results in (
        url("registration_roster_results", workshop.pk),
        url("attendee_list_results"),
    ):
        assert "olu@example.org" in text(client.get(results, {"status": "active"}))


@pytest.mark.parametrize("kind", ["coordinator", "superuser"])
def test_coordinators_and_superusers_can_act(client, django_user_model, workshop, kind):
    login(client, django_user_model, kind)
    pita = booking_of(workshop, "Pita")

    client.post(url("registration_remove", workshop.pk, pita.pk))
    client.post(
        url("registration_add", workshop.pk), {"name": "Vesna", "email": "vesna@example.org"}
    )
    client.post(url("registration_message", workshop.pk), {"subject": "Hello", "body": "Hi!"})

    assert booking_of(workshop, "Pita").status == Status.CANCELLED
    assert booking_of(workshop, "Vesna").status == Status.CONFIRMED
    assert OutboxMessage.objects.filter(purpose="booking_message").count() == 2


def test_volunteer_pages_do_not_reach_registrations(client, django_user_model, workshop):
    login(client, django_user_model, "coordinator")
    olu = booking_of(workshop, "Olu")

    assert client.get(url("shift_roster", workshop.pk)).status_code == 404
    assert client.post(url("shift_remove", workshop.pk, olu.pk)).status_code == 404
    assert "olu@example.org" not in text(client.get(url("volunteer_roster")))


# Exports -------------------------------------------------------------------------------


def test_attendee_csv_export(client, django_user_model, workshop):
    login(client, django_user_model, "coordinator")

    response = client.get(url("registration_roster", workshop.pk, export="csv"))

    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert list(rows[0]) == [
        "Campaign",
        "Event",
        "Starts",
        "Name",
        "Email",
        "Phone",
        "Language",
        "Access needs",
        "How they heard of us",
        "Status",
        "Attendance",
        "Added by",
        "Registered",
    ]
    assert [(row["Name"], row["Email"], row["Status"]) for row in rows] == [
        ("Olu", "olu@example.org", "Confirmed"),
        ("Pita", "pita@example.org", "Waiting for email confirmation"),
    ]
    assert rows[0]["Access needs"] == "Hearing loop, please"
    assert rows[0]["How they heard of us"] == "A poster or leaflet"
    assert rows[0]["Event"] == "Calm breathing workshop"


def test_attendee_xlsx_export_by_campaign(client, django_user_model, campaign, workshop, started):
    login(client, django_user_model, "coordinator")

    response = client.get(url("attendee_list", campaign=campaign.pk, export="xlsx"))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Campaign", "Event", "Starts", "Name")
    assert [row[3] for row in rows[1:]] == ["Quilla", "Olu", "Pita"]


def test_attendee_csv_export_defuses_formulas(client, django_user_model, workshop):
    login(client, django_user_model, "coordinator")
    booking_service.withdraw(booking_of(workshop, "Pita").pk)
    register(workshop.event, "=HYPERLINK(1)", access_needs="+1 chair")

    response = client.get(url("attendee_list", export="csv"))

    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert rows[-1]["Name"] == "'=HYPERLINK(1)"
    assert rows[-1]["Access needs"] == "'+1 chair"


# Check-in ------------------------------------------------------------------------------


def test_check_in_opens_half_an_hour_before_the_start(client, django_user_model, workshop):
    login(client, django_user_model, "coordinator")
    olu, pita = booking_of(workshop, "Olu"), booking_of(workshop, "Pita")

    page = text(client.get(url("registration_roster", workshop.pk)))
    too_early = client.post(
        url("registration_attendance", workshop.pk, olu.pk), {"attendance": "attended"}, follow=True
    )
    Registration.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() + timedelta(minutes=20),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    unconfirmed = client.post(
        url("registration_attendance", workshop.pk, pita.pk),
        {"attendance": "attended"},
        follow=True,
    )
    at_the_door = client.post(
        url("registration_attendance", workshop.pk, olu.pk), {"attendance": "attended"}, follow=True
    )

    assert "Attendance can be recorded from 30 minutes before the event starts." in page
    assert messages_on(too_early) == [
        "Attendance can be recorded from 30 minutes before the event starts."
    ]
    assert messages_on(unconfirmed) == ["Attendance is only recorded for confirmed attendees."]
    assert messages_on(at_the_door) == ["Olu: attended."]
    assert booking_of(workshop, "Pita").attendance == ""


# Dashboard chart -----------------------------------------------------------------------


def test_dashboard_panel_charts_registrations_without_scripts_or_styles(
    client, django_user_model, workshop, started
):
    login(client, django_user_model, "editor")

    html = text(client.get("/admin/"))

    panel = re.search(
        r'<section class="w-panel tapestry-signups-panel".*?</section>', html, re.S
    ).group()
    assert "Mental Health Awareness Month 2027" in panel
    # Olu and Quilla confirmed; Pita's unconfirmed hold is not a registration yet.
    assert "2 registrations" in panel
    assert re.search(
        r"From a friend or family member</th>\s*<td><meter[^>]*>0</meter> <span>0", panel
    )
    assert re.search(r"A poster or leaflet</th>\s*<td><meter[^>]*>1</meter> <span>1", panel)
    assert "style=" not in panel and "<script" not in panel
    for detail in (*NAMES, "Quilla"):
        assert detail not in panel


def test_attendee_pages_queries_do_not_grow_with_events(
    client, django_user_model, campaign, workshop, django_assert_max_num_queries
):
    login(client, django_user_model, "coordinator")
    for number in range(6):
        event = factories.event(
            campaign=campaign,
            title=f"Workshop {number}",
            slug=f"workshop-{number}",
            start_date=timezone.localdate() + timedelta(days=12 + number),
            registration_mode="open",
        )
        register(event, f"Person{number}", how_heard="social")

    with django_assert_max_num_queries(18):
        assert client.get(url("attendees")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(url("attendee_list")).status_code == 200
