"""Who signs up: the Person behind an email address, and the consent they gave.

Typing an address proves nothing about it, so a known address keeps its record as it
is; the details offered with a sign-up wait on the booking until its emailed link is
followed (``apply_offered``).
"""

from django.db import IntegrityError, transaction

from events.bookings.models import Person

CONSENT_TEXT_VERSION = "2026-11"
# Recorded for someone a coordinator added by hand: they did not tick our consent box, the
# coordinator took their details (and their agreement) in person.
ADDED_BY_HAND = "added-by-coordinator"


def normalise_email(email):
    return email.strip().lower()


def person_for(name, email, phone, now, consent_version=CONSENT_TEXT_VERSION):
    """The Person for an address: (person, created). A new address gets a new record;
    a known one is left as it is, since typing an address proves nothing about it."""
    key = normalise_email(email)
    defaults = {
        "name": name,
        "email": email.strip(),
        "phone": phone,
        "consent_at": now,
        "consent_text_version": consent_version,
    }
    try:
        with transaction.atomic():
            return Person.objects.get_or_create(email_key=key, defaults=defaults)
    except IntegrityError:  # the same address signing up twice at the same instant
        return Person.objects.get(email_key=key), False


def offer_details(booking, name, phone, now):
    # Kept on the booking until its emailed link is followed (see apply_offered).
    booking.offered_name, booking.offered_phone, booking.offered_at = name, phone, now


def apply_offered(booking, now):
    """The owner of the address followed the link: the details they offered with this
    booking are now theirs, and so is the consent, given again now."""
    if booking.offered_at is None:  # a new address: the record was made from this sign-up
        return
    person = booking.person
    if booking.offered_name:
        person.name = booking.offered_name
    if booking.offered_phone:
        person.phone = booking.offered_phone
    person.consent_at = now
    person.consent_text_version = CONSENT_TEXT_VERSION
    person.save(update_fields=["name", "phone", "consent_at", "consent_text_version"])
