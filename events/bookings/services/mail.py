"""Turn an outbox row into an email: templates, links, calendar attachment, headers.

Each purpose names its templates and a rule saying whether the mail still makes sense at
send time (a reminder for a cancelled booking is skipped, not sent).
"""

from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from campaign.organisation import organisation_name
from events.bookings.models import Booking
from events.bookings.services import ics, links, mail_bodies, reader_titles, reminders

Status = Booking.Status


@dataclass(frozen=True)
class Purpose:
    template: str | None  # None: subject and text come ready-made in the row's payload
    # Lazy: translated when the mail is composed, in the language active then. Placeholders
    # ({title}, {when}, payload keys) are filled with str.format after translating.
    subject: str | Promise
    still_owed: object  # callable(row, booking, now) -> bool
    # Adds the booking's calendar invitation (REQUEST, or CANCEL once it was cancelled).
    attach_calendar: bool = False


def _status_is(*statuses):
    return lambda row, booking, now: booking is not None and booking.status in statuses


def _came(row, booking, now):
    # Checked again at send time: an undone check-in takes the thanks back.
    return (
        booking is not None
        and booking.status == Status.CONFIRMED
        and booking.attendance == Booking.Attendance.ATTENDED
    )


PURPOSES = {
    "booking_pending": Purpose(
        "booking_pending",
        # Translators: a mail's subject; keep {title}, {when} and {attempted} as they are.
        _("Please confirm your place: {title}"),
        _status_is(Status.PENDING),
    ),
    "booking_waitlisted": Purpose(
        "booking_waitlisted",
        _("You are on the waiting list: {title}"),
        _status_is(Status.WAITLISTED),
    ),
    "booking_offered": Purpose(
        "booking_offered", _("A place has come free: {title}"), _status_is(Status.OFFERED)
    ),
    "booking_confirmed": Purpose(
        "booking_confirmed",
        _("You are booked: {title}"),
        _status_is(Status.CONFIRMED),
        attach_calendar=True,
    ),
    "booking_reminder": Purpose(
        "booking_reminder",
        _("Reminder: {title}, {when}"),
        reminders.still_owed,
        attach_calendar=True,
    ),
    "booking_changed": Purpose(
        "booking_changed",
        _("Changed: {title}, now {when}"),
        reminders.still_owed,
        attach_calendar=True,
    ),
    "booking_withdrawn": Purpose(
        "booking_withdrawn",
        _("Cancelled by the organisers: {title}"),
        _status_is(Status.CANCELLED),
        attach_calendar=True,
    ),
    # A meeting (or the whole event) people registered for will not take place.
    "booking_called_off": Purpose(
        "booking_called_off",
        _("Cancelled: {title}"),
        _status_is(Status.CANCELLED),
        attach_calendar=True,
    ),
    # The person cancelled their own place; a CANCEL calendar part goes with it when the
    # place had been confirmed (so it was in their calendar).
    "booking_cancelled": Purpose(
        "booking_cancelled",
        _("You cancelled your place: {title}"),
        _status_is(Status.CANCELLED),
        attach_calendar=True,
    ),
    "booking_overlap": Purpose(
        "booking_overlap",
        _("We could not sign you up: {attempted}"),
        lambda row, booking, now: booking is not None,
    ),
    # A coordinator's message to everyone on a shift; subject and text in the payload.
    "booking_message": Purpose("booking_message", "{subject}", _status_is(*Booking.HOLDS_SEAT)),
    # The morning after a shift, to volunteers who came (events.bookings.services.thanks).
    "shift_thanks": Purpose("shift_thanks", _("Thank you for volunteering: {title}"), _came),
    "booking_links": Purpose(
        "booking_links", _("Your sign-ups"), lambda row, booking, now: booking is not None
    ),
    # Notices to staff (new comments to moderate, a story shared by a reader): the caller
    # writes subject and text into the payload when it decides the notice is owed.
    "notice": Purpose(None, "", lambda row, booking, now: True),
}


def single_line(text):
    """Header values come from names and titles people typed: never let them add headers."""
    return " ".join(str(text).split())


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def link(view_name, token):
    """Absolute URL of a link in mail. Resolving the URL pattern once per view, not once
    per mail, matters when a sweep sends thousands of reminders."""
    return _link_prefix(view_name, translation.get_language()) + token + "/"


@lru_cache(maxsize=64)
def _link_prefix(view_name, language):
    # ``language`` is part of the key: the address carries it (/es/...).
    marker = "TOKEN"
    path = reverse(view_name, args=[marker])
    assert path.endswith(f"/{marker}/"), path
    return absolute_url(path[: -len(marker) - 1])


def message_id(row):
    """Stable across retries, so a receiving server can drop a duplicate."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"<outbox-{row.public_id}@{domain}>"


def format_when(bookable):
    """Like "Saturday 9 May 2027, 10:00 to 13:00 BST", in the bookable's own time zone and
    the active language (day and month names, word order)."""
    zone = ZoneInfo(bookable.time_zone)
    start = timezone.localtime(bookable.starts_at, zone)
    end = timezone.localtime(bookable.ends_at, zone)
    # Translators: Django date format (as the "date" template filter) of the day an event
    # starts, in mail, e.g. "Saturday 9 May 2027"; escape literal letters with a backslash.
    day = formats.date_format(start, pgettext("mail date", "l j F Y"))
    if end.date() == start.date():
        # Translators: when an event takes place, e.g. "Saturday 9 May 2027, 10:00 to 13:00 BST".
        return gettext("%(day)s, %(start)s to %(end)s %(zone)s") % {
            "day": day,
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
            "zone": f"{start:%Z}",
        }
    # Translators: Django date format of the day an event spanning several days ends, in
    # mail, e.g. "Sunday 10 May"; escape literal letters.
    end_day = formats.date_format(end, pgettext("mail date", "l j F"))
    # Translators: when an event over several days takes place, e.g.
    # "Saturday 9 May 2027 22:00 BST to Sunday 10 May 02:00 BST".
    return gettext("%(day)s %(start)s %(start_zone)s to %(end_day)s %(end)s %(end_zone)s") % {
        "day": day,
        "start": f"{start:%H:%M}",
        "start_zone": f"{start:%Z}",
        "end_day": end_day,
        "end": f"{end:%H:%M}",
        "end_zone": f"{end:%Z}",
    }


def compose(row, now=None):
    """The EmailMultiAlternatives for ``row``, or None when it is no longer owed.

    Written in the language the person signed up in (``Booking.language``): words, dates,
    links (/es/...) and the calendar file, whoever or whatever triggers the send.
    """
    now = now or timezone.now()
    purpose = PURPOSES[row.purpose]
    booking = row.booking  # loaded with the row by outbox.send
    if not purpose.still_owed(row, booking, now):
        return None
    if purpose.template is None:
        return _notice(row)
    with translation.override(booking.language):
        message = _compose_booking_mail(row, purpose, booking, now)
        message.extra_headers["Content-Language"] = booking.language
    return message


def _compose_booking_mail(row, purpose, booking, now):
    bookable, person = booking.bookable, booking.person
    when = format_when(bookable)
    confirm = links.booking_token(booking)
    manage = links.manage_token(person)
    # The stored title is the source language's: the reader's comes from the event's
    # translation (one query; none in the source language).
    title = reader_titles.for_bookable(bookable)
    text, html = mail_bodies.render(
        purpose.template,
        bookable=reader_titles.wearing(bookable, title),
        booking=booking,
        payload=row.payload,
        shared={
            "when": when,
            "title_html": title.html,
            "site_name": organisation_name(),
            "personal": {
                "name": person.name,
                "confirm_url": link("events:booking_confirm", confirm),
                "manage_url": link("events:my_bookings", manage),
            },
        },
    )
    # Translated now (the active language), then filled: a title with braces stays as typed.
    subject = str(purpose.subject).format(**row.payload, title=title.text, when=when)
    message = _message(row, subject, text)
    if row.payload.get("reply_to"):  # a coordinator's message: answers go to them
        message.reply_to = [single_line(row.payload["reply_to"])]
    message.attach_alternative(html, "text/html")
    # A cancelled calendar entry only makes sense to someone who had the entry.
    if purpose.attach_calendar and booking.confirmed_at is not None:
        attach_invitation(message, booking, now, title)
    return message


def attach_invitation(message, booking, now, title=None):
    """Add the booking's iMIP part (RFC 6047): REQUEST while it stands, CANCEL once it
    ended. Any purpose opts in with ``attach_calendar=True``; ``title`` is the reader's.

    The part's Content-Type must carry ``method=``. Django builds a text part from
    "text/<subtype>" and appends the charset itself, so the parameter rides in the
    subtype: the header comes out as ``text/calendar; method=REQUEST; charset="utf-8"``.
    """
    method, body = ics.invitation(booking, now=now, title=title)
    message.attach("invite.ics", body.decode("utf-8"), f"text/calendar; method={method}")


def sender():
    """The organisation's name on DEFAULT_FROM_EMAIL's address: people see who writes."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((single_line(organisation_name()), address))


def _notice(row):
    return _message(row, row.payload["subject"], row.payload["body"])


def _message(row, subject, body):
    """Headers every mail shares: one-line subject and name, stable Message-ID."""
    return EmailMultiAlternatives(
        subject=single_line(subject),
        body=body,
        from_email=sender(),
        to=[formataddr((single_line(row.recipient_name), row.recipient))],
        headers={"Message-ID": message_id(row), "Auto-Submitted": "auto-generated"},
    )
