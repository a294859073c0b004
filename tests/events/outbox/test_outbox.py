"""Every mail goes through the outbox: written with the change, sent once by a worker."""

import re
import smtplib
from datetime import timedelta
from email import message_from_bytes
from email.utils import getaddresses

import pytest
from django.core import mail as django_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from events.bookings.services import booking, ics, links, mail, people
from events.models import Booking, OutboxMessage
from events.outbox.services import outbox
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


def send_due(now=None):
    """What beat + a worker do: sweep, then send each claimed row."""
    ids = outbox.sweep(now=now)
    return outbox.send_many(ids, lambda row: mail.compose(row, now=now), now=now)


def test_sign_up_writes_its_confirmation_mail_in_the_same_transaction():
    shift = make_bookable(capacity=1)

    with pytest.raises(RuntimeError), transaction.atomic():
        booking.sign_up(shift.pk, name="Sam", email="sam@example.org")
        raise RuntimeError("the request failed after the sign-up")

    assert OutboxMessage.objects.count() == 0
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org")
    row = OutboxMessage.objects.get()
    assert (row.purpose, row.recipient, row.status) == (
        "booking_pending",
        "sam@example.org",
        "scheduled",
    )


def test_confirmation_mail_has_text_html_links_and_stable_headers(client):
    shift = make_bookable(capacity=1, title="Welcome desk", location="Riverside Hall")
    booking.sign_up(shift.pk, name="Sam Lee", email="sam@example.org")

    [row] = send_due()

    assert row.status == Status.SENT
    [message] = django_mail.outbox
    assert message.subject == "Please confirm your place: Welcome desk"
    assert message.to == ["Sam Lee <sam@example.org>"]
    assert message.extra_headers["Message-ID"] == mail.message_id(row)
    html = message.alternatives[0][0]
    assert "Confirm my place" in html and "Riverside Hall" in message.body
    confirm_path = next(line for line in message.body.splitlines() if "/bookings/confirm/" in line)
    path = confirm_path.strip().split("testserver", 1)[1]

    # Opening the link (a mail scanner might) changes nothing; the button does.
    assert client.get(path).status_code == 200
    assert Booking.objects.get().status == Booking.Status.PENDING
    response = client.post(path)
    assert response.status_code == 302
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_sending_twice_sends_once():
    shift = make_bookable()
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org")
    [row] = send_due()

    outbox.send(row.pk, mail.compose)
    send_due()

    assert len(django_mail.outbox) == 1


def test_racing_sweeps_claim_each_row_once():
    for i in range(3):
        booking.sign_up(
            make_bookable(starts_in=timedelta(days=i + 2)).pk, name="A", email=f"{i}@example.org"
        )

    first = outbox.sweep()
    second = outbox.sweep()

    assert len(first) == 3 and second == []


def test_rows_lost_with_a_dead_worker_are_claimed_again():
    booking.sign_up(make_bookable().pk, name="Sam", email="sam@example.org")
    now = timezone.now()
    [claimed] = outbox.sweep(now=now)  # claimed, but the worker died before sending

    assert outbox.sweep(now=now + outbox.stuck_after() - timedelta(seconds=1)) == []
    assert outbox.sweep(now=now + outbox.stuck_after() + timedelta(seconds=1)) == [claimed]


def test_reclaim_follows_the_redelivery_setting(settings):
    settings.TAPESTRY_REDELIVERY_SECONDS = 42
    assert outbox.stuck_after() == timedelta(seconds=42)


class FlakySMTP(LocmemBackend):
    """An SMTP server that drops the connection a few times, then recovers."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakySMTP.failures_left:
            FlakySMTP.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
        return super().send_messages(messages)


def test_temporary_smtp_failures_back_off_then_deliver_once(settings):
    settings.EMAIL_BACKEND = "tests.events.outbox.test_outbox.FlakySMTP"
    FlakySMTP.failures_left = 3
    booking.sign_up(make_bookable().pk, name="Sam", email="sam@example.org")
    now = timezone.now()

    for attempt in range(1, 4):
        [row] = send_due(now=now)
        assert (row.status, row.attempts) == (Status.SCHEDULED, attempt)
        assert row.due_at == now + timedelta(
            seconds=outbox.BACKOFF_BASE_SECONDS * 2 ** (attempt - 1)
        )
        assert send_due(now=now) == []  # not due again yet
        now = row.due_at

    [row] = send_due(now=now)

    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 4, "")
    assert len(django_mail.outbox) == 1


class RejectingSMTP(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"sam@example.org": (550, b"no such user")})


def test_permanent_failure_is_kept_for_a_person_to_retry_or_cancel(settings):
    settings.EMAIL_BACKEND = "tests.events.outbox.test_outbox.RejectingSMTP"
    booking.sign_up(make_bookable().pk, name="Sam", email="sam@example.org")

    [row] = send_due()

    assert row.status == Status.FAILED
    assert "550" in row.last_error
    assert outbox.retry(row.pk) == 1
    assert OutboxMessage.objects.get().status == Status.SCHEDULED
    assert outbox.cancel(row.pk) == 1
    assert OutboxMessage.objects.get().status == Status.CANCELLED


def test_reminder_names_the_time_zone_and_attaches_the_calendar():
    shift = make_bookable(starts_in=timedelta(days=5), time_zone="America/Toronto")
    booking.confirm(booking.sign_up(shift.pk, name="Sam", email="sam@example.org").booking.pk)
    send_due()
    django_mail.outbox.clear()

    send_due(now=shift.starts_at - timedelta(hours=47))

    [message] = django_mail.outbox
    assert message.subject.startswith("Reminder: Welcome desk, ")
    assert ("EST" in message.subject) or ("EDT" in message.subject)
    [(filename, content, mimetype)] = message.attachments
    assert filename == "invite.ics" and mimetype.startswith("text/calendar")
    assert "TZID=America/Toronto" in content and "BEGIN:VTIMEZONE" in content


def test_names_and_titles_cannot_inject_mail_headers():
    shift = make_bookable(title="Welcome desk\r\nBcc: everyone@example.org")
    booking.sign_up(shift.pk, name="Sam\nBcc: attacker@example.org", email="sam@example.org")

    send_due()

    [message] = django_mail.outbox
    raw = message_from_bytes(message.message().as_bytes())
    assert raw["Bcc"] is None
    assert "\n" not in raw["Subject"] and "\n" not in raw["To"]
    assert [address for _, address in getaddresses(message.recipients())] == ["sam@example.org"]


def test_waiting_list_offer_is_mailed_when_a_seat_frees():
    shift = make_bookable(capacity=1)
    holder = booking.sign_up(shift.pk, name="A", email="a@example.org").booking
    booking.sign_up(shift.pk, name="B", email="b@example.org")
    send_due()
    django_mail.outbox.clear()

    booking.cancel(holder.pk)
    send_due()

    [message] = django_mail.outbox
    assert message.to == ["B <b@example.org>"]
    assert message.subject == "A place has come free: Welcome desk"


def test_signing_up_again_mails_the_links_instead_of_saying_so_on_screen():
    shift = make_bookable()
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org")
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org")
    booking.sign_up(shift.pk, name="Sam", email="sam@example.org")  # within the hour: no more

    purposes = sorted(OutboxMessage.objects.values_list("purpose", flat=True))

    assert purposes == ["booking_links", "booking_pending"]


def test_reminders_across_a_clock_change_keep_the_local_start_time():
    """Summer time starts in London at 01:00 on 28 March 2027; the shift is at 10:00 BST."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    starts_at = datetime(2027, 3, 28, 10, 0, tzinfo=london)
    shift = make_bookable(capacity=2, title="Riverside walk", time_zone="Europe/London")
    shift.starts_at, shift.ends_at = starts_at, starts_at + timedelta(hours=2)
    shift.save()
    signed_up_at = datetime(2027, 3, 20, 12, 0, tzinfo=london)
    pending = booking.sign_up(shift.pk, name="Sam", email="sam@example.org", now=signed_up_at)
    booking.confirm(pending.booking.pk, now=signed_up_at)
    send_due(now=signed_up_at)
    django_mail.outbox.clear()

    due = sorted(
        OutboxMessage.objects.filter(purpose="booking_reminder").values_list("due_at", flat=True)
    )
    # 48 and 3 hours of real time before 09:00 UTC: Friday 09:00 GMT and Sunday 07:00 BST.
    assert [d.astimezone(london).strftime("%a %H:%M %Z") for d in due] == [
        "Fri 09:00 GMT",
        "Sun 07:00 BST",
    ]

    assert send_due(now=due[0] - timedelta(seconds=1)) == []
    send_due(now=due[0])
    send_due(now=due[0] + timedelta(hours=1))  # nothing new in between
    send_due(now=due[1])

    subjects = [message.subject for message in django_mail.outbox]
    assert subjects == ["Reminder: Riverside walk, Sunday 28 March 2027, 10:00 to 12:00 BST"] * 2


def confirmed_on(bookable, email, name):
    pending = booking.sign_up(bookable.pk, name=name, email=email).booking
    booking.confirm(pending.pk)
    return pending


def manage_tokens_in(text):
    """The tokens of the links to a person's bookings page in ``text``."""
    return set(re.findall(r"/my-bookings/([\w:-]+)/", text))


def test_mails_rendered_once_per_shift_still_carry_each_persons_own_name_and_links():
    shift = make_bookable(title="Welcome desk", capacity=3)
    ana = confirmed_on(shift, "ana@example.org", "Ana <b>Lima</b>")
    ben = confirmed_on(shift, "ben@example.org", "Ben")
    send_due()
    by_person = {}
    for message in django_mail.outbox:
        address = getaddresses(message.to)[0][1]
        by_person.setdefault(address, []).append(message)

    for person in (ana.person, ben.person):
        [sent] = [m for m in by_person[person.email] if "booked" in m.subject]
        html = sent.alternatives[0][0]
        assert f"Hello {person.name}," in sent.body
        # Links are signed with the second they were made in: read the mail's own, and
        # each must open this person's bookings and no one else's.
        in_text, in_html = manage_tokens_in(sent.body), manage_tokens_in(html)
        assert in_text and in_html
        assert {links.person_for_manage_token(token) for token in in_text | in_html} == {person}
        assert "\u27e6" not in sent.body + html  # no placeholder left behind
    ana_html = next(m for m in by_person["ana@example.org"] if "booked" in m.subject)
    assert "Hello Ana &lt;b&gt;Lima&lt;/b&gt;," in ana_html.alternatives[0][0]


def test_a_changed_shift_is_never_mailed_with_its_old_text():
    shift = make_bookable(title="Welcome desk", capacity=3)
    confirmed_on(shift, "ana@example.org", "Ana")
    send_due()
    shift.title = "Tea stall"
    shift.save()
    confirmed_on(shift, "ben@example.org", "Ben")

    send_due()

    [mail_to_ben] = [m for m in django_mail.outbox if m.to == ["Ben <ben@example.org>"]]
    assert "Tea stall" in mail_to_ben.body and "Welcome desk" not in mail_to_ben.body


def test_calendar_files_share_the_shift_but_not_the_uid():
    shift = make_bookable(title="Welcome desk", capacity=3)
    first = confirmed_on(shift, "ana@example.org", "Ana")
    second = confirmed_on(shift, "ben@example.org", "Ben")

    calendars = [Calendar.from_ical(ics.booking_calendar(b)) for b in (first, second)]

    uids = [cal.walk("VEVENT")[0]["UID"] for cal in calendars]
    assert uids == [f"booking-{first.public_id}@tapestry", f"booking-{second.public_id}@tapestry"]
    for calendar in calendars:
        event = calendar.walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == "Welcome desk" and "DTSTAMP" in event


def test_one_send_task_uses_a_flat_number_of_queries_per_group(
    settings, django_assert_max_num_queries
):
    settings.TAPESTRY_OUTBOX_COMMIT_EVERY = 10
    shift = make_bookable(capacity=60)
    for number in range(40):
        Booking.objects.create(
            bookable=shift,
            person=people.person_for(f"P{number}", f"p{number}@example.org", "", timezone.now())[0],
            status=Booking.Status.CONFIRMED,
            created_at=timezone.now(),
            confirmed_at=timezone.now(),
        )
    for item in Booking.objects.all():
        outbox.schedule(
            outbox.Mail(
                recipient=item.person.email,
                purpose="booking_confirmed",
                target_key=f"booking:{item.pk}",
                booking=item,
            )
        )
    ids = outbox.sweep()

    # Per group of 10: savepoint, lock-and-load, one bulk update, release: not per mail.
    with django_assert_max_num_queries(4 * 6):
        rows = outbox.send_many(ids, mail.compose)

    assert {row.status for row in rows} == {Status.SENT}
    assert len(django_mail.outbox) == 40


def test_a_failing_mail_does_not_hold_back_the_rest_of_its_group(settings):
    settings.EMAIL_BACKEND = "tests.events.outbox.test_outbox.PickySMTP"
    shift = make_bookable(capacity=3)
    for email in ("ana@example.org", "bad@example.org", "ben@example.org"):
        booking.sign_up(shift.pk, name="X", email=email)

    rows = send_due()

    statuses = {row.recipient: row.status for row in rows}
    assert statuses == {
        "ana@example.org": Status.SENT,
        "bad@example.org": Status.FAILED,
        "ben@example.org": Status.SENT,
    }


class PickySMTP(LocmemBackend):
    def send_messages(self, messages):
        if any("bad@" in address for message in messages for address in message.to):
            raise smtplib.SMTPRecipientsRefused({"bad@example.org": (550, b"no such user")})
        return super().send_messages(messages)
