"""The volunteering admin: who sees what, exports, and the roster actions."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.bookings.services import booking as booking_service
from events.models import Booking, CampaignPage, OutboxMessage, Shift
from tests.events import factories
from tests.events.bookings.helpers.admin import book, booking_of, login, messages_on, text, url
from tests.events.bookings.helpers.campaign import fair_and_walk
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
Status = Booking.Status
desk = factories.shift


# This month's campaign, its shift ten days ahead and yesterday's walk
# (tests/events/bookings/conftest.py), built once for the module: each test reads its own
# copies and its writes are undone. Yesterday's walk is there for every test: the pages
# and exports for upcoming shifts leave it out, the rest name a shift. The dashboard
# without any campaign is in test_roster_admin_empty.py.
fair_rows = module_rows(fair_and_walk)


@pytest.fixture
def campaign(fair_rows, db):
    return fresh(fair_rows["campaign"])


@pytest.fixture
def shift(fair_rows, db):
    return fresh(fair_rows["shift"])


@pytest.fixture
def started_shift(fair_rows, db):
    return fresh(fair_rows["started_shift"])


# Who sees what -------------------------------------------------------------------------


def detail_requests(shift):
    """Every page, export and action that shows or touches a volunteer's details."""
    ana = booking_of(shift, "Zanele")
    return [
        ("get", url("volunteer_roster"), None),
        ("get", url("volunteer_roster", shift=shift.pk), None),
        ("get", url("volunteer_roster_results"), None),
        ("get", url("volunteer_roster", export="csv"), None),
        ("get", url("volunteer_roster", export="xlsx"), None),
        ("get", url("shift_roster", shift.pk), None),
        ("get", url("shift_roster_results", shift.pk), None),
        ("get", url("shift_roster", shift.pk, export="csv"), None),
        ("get", url("shift_roster", shift.pk, export="xlsx"), None),
        ("get", url("shift_add", shift.pk), None),
        ("post", url("shift_add", shift.pk), {"name": "Vesna", "email": "vesna@example.org"}),
        ("get", url("shift_message", shift.pk), None),
        ("post", url("shift_message", shift.pk), {"subject": "Hi", "body": "Text"}),
        ("get", url("shift_remove", shift.pk, ana.pk), None),
        ("post", url("shift_remove", shift.pk, ana.pk), {}),
        ("post", url("shift_attendance", shift.pk, ana.pk), {"attendance": "no_show"}),
    ]


# The WHERE clause of roster.current_campaign's query.
CAMPAIGN_LOOKUP = '"events_campaignpage"."end_date" >='

NAMES = ("Zanele", "zanele@example.org", "07700 900123", "Step-free", "Yusuf", "yusuf@example.org")


def test_anonymous_visitors_are_sent_to_the_login_page(client, shift):
    requests = [("get", url("volunteering"), None), *detail_requests(shift)]
    for method, path, data in requests:
        response = getattr(client, method)(path, data or {})
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/?next="), path


def test_editors_see_counts_but_never_names(client, django_user_model, shift):
    login(client, django_user_model, "editor")

    overview = client.get(url("volunteering"))
    dashboard = client.get("/admin/")
    counts_csv = client.get(url("volunteering", export="csv"))

    assert overview.status_code == 200
    html = text(overview)
    assert "Welcome desk" in html and "1 of 2 confirmed" in html
    assert "Volunteering" in text(dashboard)
    for page in (html, text(dashboard), text(counts_csv)):
        for detail in NAMES:
            assert detail not in page
    # Counts only, so no links to the roster they could not open.
    assert url("shift_roster", shift.pk) not in html


def test_editors_are_refused_every_detail_page_export_and_action(client, django_user_model, shift):
    login(client, django_user_model, "editor")
    outbox_rows = OutboxMessage.objects.count()

    for method, path, data in detail_requests(shift):
        response = getattr(client, method)(path, data or {})
        # Wagtail turns a refusal into a redirect to the dashboard with a message.
        assert (response.status_code, response["Location"]) == (302, "/admin/"), path
        followed = text(client.get(response["Location"]))
        assert "Sorry, you do not have permission to access this area." in followed
        for detail in NAMES:
            assert detail not in followed

    # Nothing happened: nobody added, removed, messaged or marked.
    assert Booking.objects.filter(bookable_id=shift.pk, status__in=Booking.ACTIVE).count() == 2
    assert not Booking.objects.filter(person__name="Vesna").exists()
    assert booking_of(shift, "Zanele").attendance == ""
    assert OutboxMessage.objects.count() == outbox_rows


@pytest.mark.parametrize("kind", ["coordinator", "superuser"])
def test_coordinators_and_superusers_see_the_roster(client, django_user_model, shift, kind):
    login(client, django_user_model, kind)

    overview = text(client.get(url("volunteering")))
    page = client.get(url("shift_roster", shift.pk))
    by_event = client.get(url("volunteer_roster", event=shift.event_id))

    assert url("shift_roster", shift.pk) in overview
    assert page.status_code == by_event.status_code == 200
    # The fragments Wagtail fetches when a filter changes.
    for results in (url("shift_roster_results", shift.pk), url("volunteer_roster_results")):
        assert "zanele@example.org" in text(client.get(results, {"status": "active"}))
    for html in (text(page), text(by_event)):
        for detail in NAMES:
            assert detail in html
        assert "I am 18 or over" in html
        assert "Waiting for email confirmation" in html


@pytest.mark.parametrize("kind", ["coordinator", "superuser"])
def test_coordinators_and_superusers_can_act(client, django_user_model, shift, kind):
    login(client, django_user_model, kind)
    ben = booking_of(shift, "Yusuf")

    client.post(url("shift_remove", shift.pk, ben.pk))
    client.post(url("shift_add", shift.pk), {"name": "Vesna", "email": "vesna@example.org"})
    client.post(url("shift_message", shift.pk), {"subject": "Hello", "body": "See you!"})

    assert booking_of(shift, "Yusuf").status == Status.CANCELLED
    assert booking_of(shift, "Vesna").status == Status.CONFIRMED
    assert OutboxMessage.objects.filter(purpose="booking_message").count() == 2


# Overview ------------------------------------------------------------------------------


def test_overview_groups_campaign_event_and_shift_with_fill_rates(
    client, coordinator, campaign, shift
):
    loose = factories.event(
        title="Open day",
        slug="open-day",
        start_date=timezone.localdate() + timedelta(days=12),
        shifts=[desk(role="Tea urn", capacity=3)],
    )

    page = text(client.get(url("volunteering")))
    html = page[page.index('id="listing-results"') :]  # not the filter's choices

    assert html.index(campaign.title) < html.index("Spring wellbeing fair") < html.index("Open day")
    assert "Not part of a campaign" in html
    assert "1 of 2 confirmed" in html and "1 awaiting confirmation" in html
    assert "0 of 3 confirmed" in html
    assert '<meter min="0" max="2" value="1"' in html
    assert Shift.objects.get(event=loose).role in html


def test_overview_filters(client, coordinator, campaign, shift, started_shift):
    loose = factories.event(
        title="Open day",
        slug="open-day",
        start_date=timezone.localdate() + timedelta(days=12),
        shifts=[desk(role="Tea urn", capacity=3)],
    )
    book(Shift.objects.get(event=loose), "Ulla")

    upcoming = text(client.get(url("volunteering")))
    past = text(client.get(url("volunteering", when="past")))
    in_campaign = text(client.get(url("volunteering", campaign=campaign.pk)))
    one_event = text(client.get(url("volunteering", event=loose.pk)))
    needing = text(client.get(url("volunteering", needs_volunteers="yes")))

    assert "Welcome desk" in upcoming and "Marshal" not in upcoming  # upcoming by default
    assert "Marshal" in past and "Welcome desk" not in past
    assert "Tea urn" not in in_campaign and "Welcome desk" in in_campaign
    assert "Tea urn" in one_event and "Welcome desk" not in one_event
    # The welcome desk is full (Yusuf's pending hold counts); the tea urn has two places.
    assert "Tea urn" in needing and "Welcome desk" not in needing
    # A filter value that is not a choice is a form error, never a crash.
    assert client.get(url("volunteering", campaign="nope")).status_code == 200


def test_fill_rate_export_has_counts_only(client, django_user_model, shift):
    login(client, django_user_model, "editor")

    response = client.get(url("volunteering", export="csv"))

    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert rows == [
        {
            "Campaign": "Mental Health Awareness Month 2027",
            "Event": "Spring wellbeing fair",
            "Shift": "Welcome desk",
            "Starts": rows[0]["Starts"],
            "Places": "2",
            "Confirmed": "1",
            "Awaiting confirmation": "1",
            "Waiting list": "0",
            "Places left": "0",
            "Filled (%)": "50",
        }
    ]


# Roster and exports --------------------------------------------------------------------


def test_shift_roster_csv_export(client, coordinator, shift):
    response = client.get(url("shift_roster", shift.pk, export="csv"))

    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert [(row["Name"], row["Email"], row["Status"]) for row in rows] == [
        ("Zanele", "zanele@example.org", "Confirmed"),
        ("Yusuf", "yusuf@example.org", "Waiting for email confirmation"),
    ]
    assert rows[0]["Phone"] == "07700 900123"
    assert rows[0]["Access needs"] == "Step-free route, please"
    assert rows[0]["Confirmed requirements"] == "I am 18 or over"
    assert rows[0]["Shift"] == "Welcome desk" and rows[0]["Event"] == "Spring wellbeing fair"


def test_roster_xlsx_export_by_campaign(client, coordinator, campaign, shift, started_shift):
    response = client.get(url("volunteer_roster", campaign=campaign.pk, export="xlsx"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Campaign", "Event", "Shift", "Starts", "Name", "Email")
    # Yesterday's walk comes first, then the fair; the waiting list is on the roster too.
    assert [row[4] for row in rows[1:]] == ["Xiomara", "Wendell", "Zanele", "Yusuf"]
    assert rows[0][7] == "Language" and rows[3][7] == "British English"
    assert rows[3][8] == "Step-free route, please"


def test_csv_export_defuses_formulas_typed_by_the_public(client, coordinator, shift):
    book(shift, "=HYPERLINK(1)")

    rows = list(
        csv.DictReader(io.StringIO(text(client.get(url("shift_roster", shift.pk, export="csv")))))
    )

    assert rows[-1]["Name"] == "'=HYPERLINK(1)"


def test_roster_status_filter_shows_cancelled_people(client, coordinator, shift):
    booking_service.cancel(booking_of(shift, "Yusuf").pk)

    default = text(client.get(url("shift_roster", shift.pk)))
    cancelled = text(client.get(url("shift_roster", shift.pk, status="cancelled")))

    assert "yusuf@example.org" not in default
    assert "yusuf@example.org" in cancelled and "zanele@example.org" not in cancelled


def test_unknown_shift_is_not_found(client, coordinator, shift):
    assert client.get(url("shift_roster", 999999)).status_code == 404
    assert (
        client.post(url("shift_message", 999999), {"subject": "a", "body": "b"}).status_code == 404
    )


# Actions -------------------------------------------------------------------------------


def test_mark_attended_and_no_show(client, coordinator, started_shift):
    cai = booking_of(started_shift, "Xiomara")

    response = client.post(
        url("shift_attendance", started_shift.pk, cai.pk), {"attendance": "attended"}, follow=True
    )

    assert booking_of(started_shift, "Xiomara").attendance == "attended"
    assert messages_on(response) == ["Xiomara: attended."]
    client.post(url("shift_attendance", started_shift.pk, cai.pk), {"attendance": "no_show"})
    assert booking_of(started_shift, "Xiomara").attendance == "no_show"
    assert "Did not come" in text(client.get(url("shift_roster", started_shift.pk)))


def test_attendance_refusals_are_messages_not_errors(client, coordinator, shift, started_shift):
    ana = booking_of(shift, "Zanele")
    dee = booking_of(started_shift, "Wendell")

    too_early = client.post(
        url("shift_attendance", shift.pk, ana.pk), {"attendance": "attended"}, follow=True
    )
    waiting = client.post(
        url("shift_attendance", started_shift.pk, dee.pk), {"attendance": "attended"}, follow=True
    )
    nonsense = client.post(
        url("shift_attendance", started_shift.pk, dee.pk), {"attendance": "<b>"}, follow=True
    )

    assert messages_on(too_early) == [
        "Attendance can be recorded from 30 minutes before the shift starts."
    ]
    assert messages_on(waiting) == ["Attendance is only recorded for confirmed volunteers."]
    assert messages_on(nonsense) == ["Choose attended, did not come, or not recorded."]
    assert not Booking.objects.exclude(attendance="").exists()
    # A booking on another shift cannot be reached through this one.
    wrong = client.post(url("shift_attendance", shift.pk, dee.pk), {"attendance": "attended"})
    assert wrong.status_code == 404
    assert client.get(url("shift_attendance", shift.pk, ana.pk)).status_code == 405


def test_add_a_volunteer_by_hand(client, coordinator, started_shift, shift):
    booking_service.withdraw(booking_of(shift, "Yusuf").pk)

    response = client.post(
        url("shift_add", shift.pk),
        {"name": "Vesna", "email": "vesna@example.org", "phone": "01632 960001"},
        follow=True,
    )

    eve = booking_of(shift, "Vesna")
    assert eve.status == Status.CONFIRMED and eve.added_by == "coordinator"
    assert eve.person.phone == "01632 960001"
    assert messages_on(response) == ["Vesna is booked on Welcome desk and will get a confirmation."]
    assert OutboxMessage.objects.filter(booking=eve, purpose="booking_confirmed").exists()


def test_adding_to_a_full_shift_explains_and_keeps_what_was_typed(client, coordinator, shift):
    form = client.get(url("shift_add", shift.pk))
    assert "0 places left" in text(form)

    response = client.post(
        url("shift_add", shift.pk), {"name": "Vesna", "email": "vesna@example.org"}
    )

    html = text(response)
    assert response.status_code == 200
    assert "Every place is taken. Raise the capacity first, or remove someone." in html
    assert 'value="vesna@example.org"' in html
    assert not Booking.objects.filter(person__name="Vesna").exists()


def test_adding_with_a_bad_email_shows_the_form_again(client, coordinator, shift):
    response = client.post(url("shift_add", shift.pk), {"name": "", "email": "not-an-address"})

    html = text(response)
    assert response.status_code == 200
    assert "Enter a valid email address." in html and "This field is required." in html


def test_remove_asks_first_then_withdraws_and_tells_the_volunteer(client, coordinator, shift):
    ana = booking_of(shift, "Zanele")

    confirm = client.get(url("shift_remove", shift.pk, ana.pk))
    assert "Remove Zanele from Welcome desk?" in text(confirm)
    assert booking_of(shift, "Zanele").status == Status.CONFIRMED

    response = client.post(url("shift_remove", shift.pk, ana.pk), follow=True)

    assert booking_of(shift, "Zanele").status == Status.CANCELLED
    assert OutboxMessage.objects.filter(booking=ana, purpose="booking_withdrawn").exists()
    assert messages_on(response) == ["Zanele was removed from Welcome desk and will get a notice."]
    again = client.post(url("shift_remove", shift.pk, ana.pk), follow=True)
    assert messages_on(again) == ["Zanele was not on this shift any more."]


def test_message_form_says_how_many_will_get_it(client, coordinator, shift):
    book(shift, "Xiomara", confirm=False)  # full: waiting list, not messaged

    form = text(client.get(url("shift_message", shift.pk)))
    assert "This message will go to 2 people" in form

    empty = client.post(url("shift_message", shift.pk), {"subject": "", "body": " "})
    assert empty.status_code == 200 and "This field is required." in text(empty)

    sent = client.post(
        url("shift_message", shift.pk), {"subject": "Parking", "body": "Side gate."}, follow=True
    )
    rows = OutboxMessage.objects.filter(purpose="booking_message")
    assert sorted(row.booking.person.name for row in rows) == ["Yusuf", "Zanele"]
    assert rows[0].payload["sent_by"] == "coordinator"
    assert messages_on(sent) == ["Your message will be sent to 2 people within a minute."]


# Dashboard and menu --------------------------------------------------------------------


def test_dashboard_panel_charts_the_campaigns_shifts_without_scripts_or_styles(
    client, django_user_model, shift
):
    login(client, django_user_model, "editor")

    html = text(client.get("/admin/"))

    panel = re.search(r'<section class="w-panel tapestry-fill".*?</section>', html, re.S).group()
    assert "Mental Health Awareness Month 2027" in panel
    assert '<meter min="0" max="2" value="1"' in panel
    assert "1 of 2 confirmed" in panel and "50%" in panel
    assert "style=" not in panel and "<script" not in panel
    for detail in NAMES:
        assert detail not in panel


def test_the_dashboards_two_charts_look_the_campaign_up_once_per_request(
    client, django_user_model, campaign, shift
):
    login(client, django_user_model, "editor")
    panels = r'<section class="w-panel tapestry-(?:fill|signups-panel)".*?</section>'

    with CaptureQueriesContext(connection) as queries:
        html = text(client.get("/admin/"))

    lookups = [q for q in queries.captured_queries if CAMPAIGN_LOOKUP in q["sql"]]
    assert len(lookups) == 1, lookups
    drawn = re.findall(panels, html, re.S)
    assert len(drawn) == 2
    assert all(campaign.title in panel for panel in drawn)

    # Kept for that request only: the next one looks again.
    CampaignPage.objects.filter(pk=campaign.pk).update(live=False)
    drawn = re.findall(panels, text(client.get("/admin/")), re.S)
    assert len(drawn) == 2
    assert all(campaign.title not in panel for panel in drawn)
    assert "No campaign is running or planned." in drawn[0]


def test_volunteering_is_in_the_admin_menu(client, django_user_model):
    login(client, django_user_model, "editor")

    html = text(client.get("/admin/"))

    assert reverse("events_admin:volunteering") in html


def test_actions_need_the_csrf_token(django_user_model, shift):
    client = Client(enforce_csrf_checks=True)
    login(client, django_user_model, "coordinator")
    zanele = booking_of(shift, "Zanele")

    response = client.post(url("shift_remove", shift.pk, zanele.pk))

    assert response.status_code == 403
    assert booking_of(shift, "Zanele").status == Status.CONFIRMED


def test_overview_and_roster_queries_do_not_grow_with_shifts(
    client, coordinator, campaign, shift, django_assert_max_num_queries
):
    for number in range(6):
        event = factories.event(
            campaign=campaign,
            title=f"Fair {number}",
            slug=f"fair-{number}",
            start_date=timezone.localdate() + timedelta(days=20 + number),
            shifts=[desk(), desk(role="Tea urn")],
        )
        for extra in Shift.objects.filter(event=event):
            book(extra, f"Person{number}{extra.pk}")

    # 17: one is the organisation's name in the admin title (cached per process after).
    with django_assert_max_num_queries(17):
        assert client.get(url("volunteering")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(url("volunteer_roster")).status_code == 200
