"""A coordinator's message to everyone holding a seat on a shift (or event).

Written to the outbox in one transaction, one row per person; the worker sends them and
skips anyone who has left by then.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.bookings.models import Booking
from events.bookings.services.booking import BookingError
from events.bookings.services.roster import SHIFTS
from events.outbox.services import outbox

SUBJECT_MAX_LENGTH = 150


def recipients(bookable):
    """Who a message to the shift (or event) reaches: everyone holding a seat, with an
    address."""
    return (
        Booking.objects.select_related("person")
        .filter(bookable_id=bookable.pk, status__in=Booking.HOLDS_SEAT)
        .filter(person__anonymised_at__isnull=True)
        .exclude(person__email="")
        .order_by("created_at", "pk")
    )


def message_shift(shift_id, subject, body, sender, now=None, kind=SHIFTS, reply_to=""):
    """Owe everyone holding a seat on the shift (or event) the coordinator's message;
    returns how many.

    One outbox row each, written in one transaction; the worker sends them and skips
    anyone who has left the shift by then. Each call is a new message, even with the
    same words, so the target key carries a fresh id.
    """
    now = now or timezone.now()
    subject, body = " ".join(subject.split()), body.strip()
    if not subject or not body:
        raise BookingError(_("Write a subject and a message."), "empty")
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise BookingError(
            _("Keep the subject to %(max)d characters or fewer.") % {"max": SUBJECT_MAX_LENGTH},
            "too_long",
        )
    message_id = uuid.uuid4().hex
    payload = {"subject": subject, "body": body, "sent_by": sender}
    if reply_to:  # the coordinator's choice; a valid address (the form checked it)
        payload["reply_to"] = reply_to.strip()
    with transaction.atomic():
        shift = kind.model.objects.get(pk=shift_id)
        mails = [
            outbox.Mail(
                recipient=booking.person.email,
                recipient_name=booking.person.name,
                purpose="booking_message",
                target_key=f"booking:{booking.pk}:message:{message_id}",
                booking=booking,
                payload=payload,
                due_at=now,
            )
            for booking in recipients(shift)
        ]
        return len(outbox.schedule(*mails, now=now))
