"""Mail owed to people about their bookings, queued in the outbox.

The seat engine (``booking``) says what happened; these functions owe the mail about it,
keyed so that the same notice is never queued twice.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.bookings.models import Bookable, Booking
from events.bookings.services.people import normalise_email
from events.outbox.services import outbox

Status = Booking.Status


def notify(booking, purpose, now, version=0, due_at=None, about="", payload=None):
    """Owe the booking's person a mail; ``about`` tells apart several of one purpose."""
    outbox.schedule(
        outbox.Mail(
            recipient=booking.person.email,
            recipient_name=booking.person.name,
            purpose=purpose,
            target_key=f"booking:{booking.pk}{about}",
            schedule_version=version,
            booking=booking,
            payload=payload or {},
            due_at=due_at or now,
        ),
        now=now,
    )


def hourly(now):
    """A schedule version that lets a repeated request mail again once an hour at most."""
    return int(now.timestamp() // 3600)


def waiting_position(booking):
    """Where a waitlisted booking stands on its list (1: next to be offered a place)."""
    ahead = Booking.objects.filter(
        bookable_id=booking.bookable_id, status=Status.WAITLISTED
    ).filter(
        Q(created_at__lt=booking.created_at) | Q(created_at=booking.created_at, pk__lt=booking.pk)
    )
    return ahead.count() + 1


def notify_waitlisted(booking, now):
    notify(booking, "booking_waitlisted", now, payload={"position": waiting_position(booking)})


def tell_overlap(bookable_id, email, now=None):
    """Explain a refused overlapping sign-up by mail, not on the page.

    Saying "you already have a shift then" on the page would tell anyone typing an
    address that its owner volunteers; the mail goes only to the owner (hourly at most).
    """
    now = now or timezone.now()
    bookable = Bookable.objects.get(pk=bookable_id)
    with transaction.atomic():
        latest = (
            Booking.objects.select_related("person")
            .filter(person__email_key=normalise_email(email), status__in=Booking.ACTIVE)
            .order_by("-created_at")
            .first()
        )
        if latest is None:
            return
        outbox.schedule(
            outbox.Mail(
                recipient=latest.person.email,
                recipient_name=latest.person.name,
                purpose="booking_overlap",
                target_key=f"booking:{latest.pk}:overlap:{bookable.pk}",
                schedule_version=hourly(now),
                booking=latest,
                payload={"attempted": bookable.title},
                due_at=now,
            ),
            now=now,
        )


def resend_confirmation(booking, now=None):
    """Mail a fresh confirmation link for a place still waiting for one (hourly at most)."""
    now = now or timezone.now()
    purpose = {Status.PENDING: "booking_pending", Status.OFFERED: "booking_offered"}.get(
        booking.status
    )
    if purpose is not None:
        notify(booking, purpose, now, version=hourly(now), about=":again")
    return purpose is not None


def resend_links(email, now=None):
    """Mail the links to someone's sign-ups while we hold any data about the address (at
    most hourly): even with every booking cancelled, "delete my details" must be reachable."""
    now = now or timezone.now()
    with transaction.atomic():
        latest = (
            Booking.objects.select_related("person")
            .filter(person__email_key=normalise_email(email), person__anonymised_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if latest is not None:
            notify(latest, "booking_links", now, version=hourly(now))
