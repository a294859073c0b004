"""Calendar files for bookings, built with icalendar: a booking's invitation for mail
(iMIP, RFC 6047), one booking as a download, or a person's private feed of their bookings.

Mail carries iTIP messages (RFC 5546) so that mail clients show an event card and update
or remove the *same* entry: METHOD:REQUEST when a booking is confirmed or changes,
METHOD:CANCEL when it ends for any reason. Both have ORGANIZER (the site's sending
address), ATTENDEE (the person, already accepted, no reply wanted), DTSTAMP = when the
file was made, and a SEQUENCE that only rises:

* REQUEST carries the bookable's ``schedule_version``, which every material change raises;
* CANCEL carries ``schedule_version + 1``: higher than any REQUEST sent for that state.
  A cancelled booking is never confirmed again (booking again makes a new booking with a
  new UID), so no later REQUEST can need a higher number and nothing has to be stored.

Downloads and the private feed are plain calendars (no METHOD): a file a person imports
or subscribes to is not a scheduling message, and iTIP's rules do not apply to it.
"""

import hashlib
from datetime import UTC
from email.utils import parseaddr
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress
from icalendar.prop import vDDDTypes, vDuration, vText

from campaign.organisation import organisation_name
from events.bookings.models import Booking
from events.calendar.services import ical_text
from events.core.models.reader_language import reading_source_language

REQUEST = "REQUEST"
CANCEL = "CANCEL"

STATUS = {
    Booking.Status.CONFIRMED: "CONFIRMED",
    Booking.Status.PENDING: "TENTATIVE",
    Booking.Status.OFFERED: "TENTATIVE",
}


def organiser_name():
    """The name calendar apps show as the organiser: the organisation's, from site settings."""
    return organisation_name()


def organiser_address():
    """The address mail is sent from: invitations name it as their ORGANIZER."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"


@lru_cache(maxsize=4)
def _calendar_head(method=None):
    calendar = Calendar()
    calendar.add("prodid", ical_text.PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar.to_ical()[: -len(ical_text.END)]


def _vevent(booking, *, stamp, sequence, status, personal=(), title=None):
    """The VEVENT of one booking: shared lines for everyone on the bookable, then the UID,
    DTSTAMP and ``personal`` properties spliced in.

    Everything else is the same for everyone on one bookable, and serialising it is most
    of the cost of a reminder: it is built once per bookable state.
    """
    bookable = booking.bookable
    shared = _shared_vevent(
        title.text if title is not None else bookable.title,
        # Which language the SUMMARY's words are in, when it may not be the file's: a
        # Spanish invitation can name an untranslated event in English.
        None if title is None or reading_source_language() else title.language,
        bookable.location,
        bookable.time_zone,
        bookable.starts_at,
        bookable.ends_at,
        sequence,
        status,
        # The site's home in the language the person booked in ("/" or "/es/").
        settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtail_serve", args=("",)),
    )
    own = Event()
    own.add("uid", f"booking-{booking.public_id}@tapestry")
    own.add("dtstamp", vDDDTypes(stamp.astimezone(UTC).replace(microsecond=0)))
    for name, value in personal:
        own.add(name, value)
    # Drop BEGIN:/END: of the small component and put its lines after the shared BEGIN.
    lines = own.to_ical().split(b"\r\n", 1)[1][: -len(b"END:VEVENT\r\n")]
    head, rest = shared.split(b"\r\n", 1)
    return head + b"\r\n" + lines + rest


@lru_cache(maxsize=512)
def _shared_vevent(
    title, title_language, location, time_zone, starts_at, ends_at, sequence, status, url
):
    zone = ZoneInfo(time_zone)
    event = Event()
    event.add("sequence", sequence)
    event.add("dtstart", timezone.localtime(starts_at, zone))
    event.add("dtend", timezone.localtime(ends_at, zone))
    parameters = {"LANGUAGE": title_language} if title_language else None
    event.add("summary", ical_text.plain(title), parameters=parameters)
    if location:
        event.add("location", ical_text.plain(location))
    event.add("status", status)
    event.add("url", url)
    return event.to_ical()


def _calendar(head, bookings_and_events):
    """A VCALENDAR from its head, the VTIMEZONEs the bookings use, and their VEVENTs."""
    # The feeds' cached VTIMEZONE bytes: building one takes tens of milliseconds.
    zones = sorted({booking.bookable.time_zone for booking, _vevent in bookings_and_events})
    parts = [head, *(ical_text.vtimezone_bytes(zone) for zone in zones)]
    parts += [vevent for _booking, vevent in bookings_and_events]
    return b"".join([*parts, ical_text.END])


def bookings_calendar(bookings, titles=None):
    """A plain VCALENDAR of ``bookings`` (with their bookables loaded), for downloads and
    the private feed: DTSTAMP is the booking's confirmation, so the bytes stay put.
    ``titles``: {bookable pk: reader title} naming them in the reader's language."""
    return _calendar(_calendar_head(), list(_entries(bookings, titles)))


def _entries(bookings, titles=None):
    titles = titles or {}
    for booking in bookings:
        stamp = booking.confirmed_at or booking.created_at
        status = STATUS.get(booking.status, "CANCELLED")
        sequence = booking.bookable.schedule_version
        title = titles.get(booking.bookable_id)
        vevent = _vevent(booking, stamp=stamp, sequence=sequence, status=status, title=title)
        yield booking, vevent


def booking_calendar(booking, title=None):
    return bookings_calendar([booking], {booking.bookable_id: title} if title else None)


@lru_cache(maxsize=4)
def _private_head(name, interval):
    calendar = Calendar()
    calendar.add("prodid", ical_text.PRODID)
    calendar.add("version", "2.0")
    calendar.add("name", vText(ical_text.plain(name)))
    calendar.add("x-wr-calname", vText(ical_text.plain(name)))
    calendar.add("refresh-interval", vDuration(interval), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(interval))
    return calendar.to_ical()[: -len(ical_text.END)]


def private_feed_name():
    # Translators: the name calendar apps show for someone's private feed of their sign-ups.
    return gettext("%(organisation)s: my sign-ups") % {"organisation": organiser_name()}


def private_feed(bookings, titles=None):
    """(bytes, etag) of someone's private feed: named, with a refresh interval, and an
    ETag so calendar apps that poll it get a 304 while nothing changed."""
    entries = list(_entries(bookings, titles))
    head = _private_head(private_feed_name(), ical_text.refresh_interval())
    body = _calendar(head, entries)
    return body, '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def method_for(booking):
    return CANCEL if booking.status == Booking.Status.CANCELLED else REQUEST


def invitation(booking, *, now=None, title=None):
    """(method, bytes): the iTIP message for a booking mail, REQUEST or CANCEL; ``title``
    (``reader_titles.ReaderTitle``) names it in the mail's language."""
    now = now or timezone.now()
    method = method_for(booking)
    version = booking.bookable.schedule_version
    organiser = vCalAddress(f"mailto:{organiser_address()}")
    organiser.params["CN"] = vText(ical_text.plain(organiser_name()))
    attendee = vCalAddress(f"mailto:{booking.person.email}")
    attendee.params.update(
        {
            "CN": vText(ical_text.plain(booking.person.name)),
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "ACCEPTED",
            "RSVP": "FALSE",
        }
    )
    if method == CANCEL:
        sequence, status = version + 1, "CANCELLED"
    else:
        sequence, status = version, STATUS.get(booking.status, "CONFIRMED")
    vevent = _vevent(
        booking,
        stamp=now,
        sequence=sequence,
        status=status,
        personal=[("organizer", organiser), ("attendee", attendee)],
        title=title,
    )
    return method, _calendar(_calendar_head(method), [(booking, vevent)])
