"""Volunteer hours: shift times adjusted by check-in and corrections; the volunteer's page
and certificate; the coordinators' report and export; totals that survive the purge."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.bookings.services import hours, links, retention
from events.models import Booking, Person
from tests.events.bookings.helpers.admin import booking_of, login, text, url
from tests.events.bookings.helpers.campaign import this_months_campaign, walk_shift
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db
# The roster admin's shifts are 09:30 to 12:00: two and a half hours.
SHIFT_HOURS = Decimal("2.50")


def _build_done():
    """Yesterday's marshal shift, now with Xiomara confirmed and a second volunteer."""
    campaign = this_months_campaign()
    started_shift = walk_shift(campaign)
    started_shift.capacity = 3
    started_shift.save()
    booking_service.add_by_hand(started_shift.pk, name="Vesna", email="vesna@example.org")
    return {"campaign": campaign, "done": started_shift}


# This month's campaign and yesterday's shift (tests/events/bookings/conftest.py), built
# once for the module: each test reads its own copies and its writes are undone.
done_rows = module_rows(_build_done)


@pytest.fixture
def campaign(done_rows, db):
    return fresh(done_rows["campaign"])


@pytest.fixture
def done(done_rows, db):
    return fresh(done_rows["done"])


def test_hours_follow_shift_times_check_in_and_corrections(done, shift):
    xiomara, vesna, wendell = (booking_of(done, n) for n in ("Xiomara", "Vesna", "Wendell"))
    zanele = booking_of(shift, "Zanele")

    assert hours.of(xiomara) == SHIFT_HOURS  # came (or not recorded): the shift's length
    assert hours.of(wendell) == 0  # never confirmed
    assert hours.of(zanele) == 0  # the shift has not happened yet

    vesna.attendance = Booking.Attendance.NO_SHOW
    vesna.save()
    assert hours.of(vesna) == 0

    hours.correct(vesna.pk, "1.25")  # came late after all
    assert hours.of(Booking.objects.get(pk=vesna.pk)) == Decimal("1.25")
    hours.correct(vesna.pk, "")
    assert hours.of(Booking.objects.get(pk=vesna.pk)) == 0

    for bad in ("lots", "-1", "25", "NaN"):
        with pytest.raises(booking_service.BookingError):
            hours.correct(xiomara.pk, bad)
    with pytest.raises(booking_service.BookingError):
        hours.correct(wendell.pk, "2")


def test_totals_per_person_shift_event_and_campaign(done, campaign):
    by_person = {row.label: row.hours for row in hours.totals("person")}
    assert by_person == {"Xiomara": SHIFT_HOURS, "Vesna": SHIFT_HOURS}
    (event_total,) = hours.totals("event")
    assert (event_total.label, event_total.hours, event_total.people_count) == (
        "Recovery walk",
        2 * SHIFT_HOURS,
        2,
    )
    assert hours.campaign_totals(campaign).hours == 2 * SHIFT_HOURS
    assert len(hours.totals("shift")) == 1


def test_campaign_totals_survive_the_retention_purge(done, campaign):
    before = hours.campaign_totals(campaign)

    retention.purge(now=timezone.now() + timedelta(days=3650), days=30)

    assert not Person.objects.filter(name="Xiomara").exists()
    after = hours.campaign_totals(campaign)
    assert (after.hours, after.shifts, after.people_count) == (
        before.hours,
        before.shifts,
        before.people_count,
    )


def test_volunteer_sees_hours_and_a_printable_certificate(client, done):
    person = booking_of(done, "Xiomara").person
    token = links.manage_token(person)

    page = text(client.get(f"/my-bookings/{token}/"))
    certificate = client.get(f"/my-bookings/{token}/hours/")

    assert "2.50 hours" in page and f"/my-bookings/{token}/hours/" in page
    html = text(certificate)
    assert certificate.status_code == 200
    assert "Certificate of volunteer hours" in html and "Xiomara" in html
    assert "2.50 hours" in html and "events/certificate.css" in html
    assert "Vesna" not in html
    assert client.get("/my-bookings/not-a-token/hours/").status_code in (403, 404, 410)


def test_coordinators_report_and_export_hours(client, coordinator, done):
    page = text(client.get(url("hours")))
    export = client.get(url("hours", by="event", export="csv"))

    assert "Xiomara" in page and "5.00 hours" in page
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows == [["Event", "Hours", "Shifts", "Volunteers"], ["Recovery walk", "5.00", "2", "2"]]
    assert client.get(url("hours", by="nonsense", campaign="x")).status_code == 200


def test_coordinator_corrects_hours_on_the_roster(client, coordinator, done):
    vesna = booking_of(done, "Vesna")
    roster_page = text(client.get(url("shift_roster", done.pk)))
    assert url("hours_correct", done.pk, vesna.pk) in roster_page

    response = client.post(url("hours_correct", done.pk, vesna.pk), {"hours": "3"}, follow=True)
    bad = client.post(url("hours_correct", done.pk, vesna.pk), {"hours": "x"}, follow=True)

    assert booking_of(done, "Vesna").hours_corrected == Decimal("3.00")
    assert [str(m) for m in response.context["messages"]] == ["Vesna: 3.00 hours."]
    assert [str(m) for m in bad.context["messages"]] == ["Give the hours as a number, e.g. 2.5."]


def test_only_coordinators_see_hours_or_correct_them(client, django_user_model, done):
    vesna = booking_of(done, "Vesna")
    requests = [
        ("get", url("hours")),
        ("get", url("hours", export="csv")),
        ("post", url("hours_correct", done.pk, vesna.pk)),
    ]
    for method, path in requests:
        assert getattr(client, method)(path, {"hours": "9"})["Location"].startswith("/admin/login/")
    login(client, django_user_model, "editor")
    for method, path in requests:
        response = getattr(client, method)(path, {"hours": "9"})
        assert (response.status_code, response["Location"]) == (302, "/admin/"), path
    assert booking_of(done, "Vesna").hours_corrected is None
