"""Booking mails as iMIP invitations (RFC 6047 / RFC 5546): REQUEST on confirmation and
change, CANCEL on cancellation, one UID, SEQUENCE rising; libical finds nothing wrong."""

from datetime import UTC, datetime, timedelta
from email import message_from_bytes

import icalendar
import pytest
from django.core import mail as django_mail
from django.test import override_settings

from events.bookings.services import booking, ics, mail
from events.models import Booking
from events.outbox.services import outbox
from tests.events.booking_factories import make_bookable
from tests.interop import readers

pytestmark = pytest.mark.django_db


def send_due(now=None):
    ids = outbox.sweep(now=now)
    return outbox.send_many(ids, lambda row: mail.compose(row, now=now), now=now)


def calendar_part(message):
    """The text/calendar MIME part as a receiving client sees it."""
    parsed = message_from_bytes(message.message().as_bytes())
    [part] = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    return part


def sent_invitations():
    parts = [calendar_part(message) for message in django_mail.outbox]
    django_mail.outbox.clear()
    return parts


def vevent_of(part):
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    return calendar, calendar.walk("VEVENT")[0]


@pytest.fixture
def confirmed():
    shift = make_bookable(title="Welcome desk", location="Willow Hall, 12 Mill Lane")
    pending = booking.sign_up(shift.pk, name='Ana "Sunny" Díaz', email="ana@example.org").booking
    booking.confirm(pending.pk)
    send_due()
    django_mail.outbox.clear()
    return Booking.objects.select_related("bookable", "person").get(pk=pending.pk)


@pytest.fixture
def organisation_named():
    """The organisation's name as editors set it (the site settings)."""
    from wagtail.models import Site

    from home.models import SiteSettings

    row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    row.organisation_name = "Riverside Recovery Network"
    row.save()


@override_settings(DEFAULT_FROM_EMAIL="Riverside Network <hello@riverside.example>")
def test_confirm_change_cancel_is_request_request_cancel_with_one_uid(
    itip_problems, organisation_named
):
    shift = make_bookable(title="Welcome desk", location="Willow Hall")
    pending = booking.sign_up(shift.pk, name="Ana", email="ana@example.org").booking
    send_due()
    django_mail.outbox.clear()  # the "please confirm" mail carries no calendar
    before = datetime.now(UTC).replace(microsecond=0)
    booking.confirm(pending.pk)
    send_due()
    [confirmation] = sent_invitations()
    shift.starts_at += timedelta(hours=1)
    shift.ends_at += timedelta(hours=1)
    booking.update_published(shift, capacity=shift.capacity)
    send_due()
    [change] = sent_invitations()
    booking.withdraw(pending.pk)
    send_due()
    [cancellation] = sent_invitations()

    methods = [p.get_param("method") for p in (confirmation, change, cancellation)]
    assert methods == ["REQUEST", "REQUEST", "CANCEL"]
    assert all(p.get_content_charset() == "utf-8" for p in (confirmation, change, cancellation))
    entries = [vevent_of(p) for p in (confirmation, change, cancellation)]
    assert [str(c["METHOD"]) for c, _ in entries] == methods
    assert len({str(v["UID"]) for _, v in entries}) == 1
    first = entries[0][1]["SEQUENCE"]
    assert [v["SEQUENCE"] for _, v in entries] == [first, first + 1, first + 2]
    assert str(entries[2][1]["STATUS"]) == "CANCELLED"
    assert all(v.decoded("DTSTAMP") >= before for _, v in entries)
    for _calendar, vevent in entries:
        organiser = vevent["ORGANIZER"]
        assert str(organiser) == "mailto:hello@riverside.example"
        assert organiser.params["CN"] == "Riverside Recovery Network"
        attendee = vevent["ATTENDEE"]
        assert str(attendee) == "mailto:ana@example.org"
        assert attendee.params["PARTSTAT"] == "ACCEPTED" and attendee.params["RSVP"] == "FALSE"
    for part in (confirmation, change, cancellation):
        body = part.get_payload(decode=True)
        assert itip_problems(body) == []
        window = (shift.starts_at - timedelta(days=1), shift.starts_at + timedelta(days=1))
        for name, reader in readers.READERS.items():
            assert [s.summary for s in reader(body, *window)] == ["Welcome desk"], name


def test_a_change_mail_is_stamped_when_it_is_made(confirmed):
    later = datetime(2031, 5, 1, 9, 0, tzinfo=UTC)

    _method, body = ics.invitation(confirmed, now=later)

    vevent = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert vevent.decoded("DTSTAMP") == later


def test_a_meeting_called_off_cancels_the_entry(confirmed, itip_problems):
    booking.withdraw_all(confirmed.bookable_id, purpose="booking_called_off")
    send_due()

    [part] = sent_invitations()
    _calendar, vevent = vevent_of(part)
    assert part.get_param("method") == "CANCEL"
    assert str(vevent["UID"]) == f"booking-{confirmed.public_id}@tapestry"
    assert vevent["SEQUENCE"] == confirmed.bookable.schedule_version + 1
    assert itip_problems(part.get_payload(decode=True)) == []


def test_reminders_repeat_the_request_and_pass_libical(confirmed, itip_problems):
    send_due(now=confirmed.bookable.starts_at - timedelta(hours=23))

    parts = sent_invitations()
    assert parts and all(p.get_param("method") == "REQUEST" for p in parts)
    for part in parts:
        assert itip_problems(part.get_payload(decode=True)) == []


def test_names_with_quotes_and_accents_survive_every_reader(confirmed):
    _method, body = ics.invitation(confirmed)

    vevent = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert vevent["ATTENDEE"].params["CN"] == 'Ana "Sunny" Díaz'
    start = confirmed.bookable.starts_at - timedelta(days=1)
    for name, reader in readers.READERS.items():
        seen = reader(body, start, start + timedelta(days=3))
        assert [s.summary for s in seen] == ["Welcome desk"], name


def test_downloads_and_the_private_feed_are_plain_calendars(confirmed):
    body = ics.booking_calendar(confirmed)

    calendar = icalendar.Calendar.from_ical(body)
    assert "METHOD" not in calendar
    assert body == ics.booking_calendar(confirmed)  # stable bytes for ETags


def test_control_libical_flags_a_publish_without_organiser(confirmed, itip_problems):
    """What the mails carried before: METHOD:PUBLISH and no ORGANIZER."""
    body = ics.booking_calendar(confirmed).replace(
        b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:PUBLISH\r\n"
    )

    assert any("ORGANIZER" in problem for problem in itip_problems(body))


def test_a_moved_meeting_is_booked_under_its_real_date():
    from datetime import date, time

    from events.bookings.services import registrations
    from tests.events import factories

    event = factories.event(
        title="Peer support",
        slug="peer-support",
        start_date=date(2027, 4, 6),
        start_time=time(18, 30),
        end_time=time(20, 0),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_until=date(2027, 5, 25),
        overrides=[
            {
                "original_date": date(2027, 4, 13),
                "new_date": date(2027, 4, 14),
                "new_start_time": time(19, 0),
            }
        ],
    )
    moved = event.occurrences.get(moved=True)

    registration = registrations.registration_for(event, moved, create=True)

    assert registration.title == "Peer support, Wednesday 14 April 2027"
