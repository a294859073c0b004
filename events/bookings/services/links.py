"""Links in mail: manage page, confirmation and private calendar feed.

Signed with the site's secret key, so they cannot be guessed or forged, and carrying the
person's token version, so rotating it revokes every link sent before.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import F

from events.bookings.models import Booking, Person

MANAGE_SALT = "tapestry.booking.manage"
BOOKING_SALT = "tapestry.booking.confirm"
FEED_SALT = "tapestry.booking.feed"


def _sign(public_id, version, salt):
    return signing.dumps([str(public_id), version], salt=salt)


def _unsign(token, salt):
    """(public_id, version) from a link, or None for a wrong, forged or expired one.

    Links expire after ``TAPESTRY_LINK_MAX_AGE_DAYS``: every mail signs fresh ones, and
    anyone with an old mail can ask for new links by email.
    """
    max_age = timedelta(days=settings.TAPESTRY_LINK_MAX_AGE_DAYS)
    try:
        public_id, version = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):  # SignatureExpired included
        return None
    return public_id, version


def manage_token(person):
    return _sign(person.public_id, person.token_version, MANAGE_SALT)


def feed_token(person):
    """For the private calendar feed: a different salt, so a calendar app that knows the
    feed address cannot use it to open the manage page."""
    return _sign(person.public_id, person.token_version, FEED_SALT)


def _person_for_token(token, salt):
    signed = _unsign(token, salt)
    if signed is None:
        return None
    person = Person.objects.filter(public_id=signed[0], anonymised_at__isnull=True).first()
    if person is None or person.token_version != signed[1]:
        return None
    return person


def person_for_manage_token(token):
    """The person a manage link belongs to, or None for a wrong, forged or revoked link."""
    return _person_for_token(token, MANAGE_SALT)


def person_for_feed_token(token):
    return _person_for_token(token, FEED_SALT)


def booking_token(booking):
    return _sign(booking.public_id, booking.person.token_version, BOOKING_SALT)


def booking_for_token(token):
    """The booking a confirmation link belongs to, or None for a wrong or revoked link."""
    signed = _unsign(token, BOOKING_SALT)
    if signed is None:
        return None
    booking = Booking.objects.select_related("person").filter(public_id=signed[0]).first()
    if booking is None or booking.person.token_version != signed[1]:
        return None
    return booking


def rotate_tokens(person):
    """Revoke every manage link sent so far (e.g. a forwarded mail)."""
    Person.objects.filter(pk=person.pk).update(token_version=F("token_version") + 1)
    person.refresh_from_db(fields=["token_version"])
    return manage_token(person)
