"""Forgetting people who booked: on their request, and after the retention period.

What goes: name, email, phone, access needs, ticked requirements, and the address on
their mail in the outbox. What stays: the bookings themselves (status, attendance, times),
so fill rates and attendance counts still add up, and the consent record's time and
wording version.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.bookings.models import Booking, Person, StandingRegistration, StandingShift
from events.bookings.services import booking as booking_service
from events.outbox.models import OutboxMessage
from events.outbox.services import outbox


def forget(person, now=None):
    """ "Delete my data": give back every place they hold, then anonymise them."""
    now = now or timezone.now()
    for booking_id in person.bookings.filter(status__in=Booking.ACTIVE).values_list(
        "pk", flat=True
    ):
        booking_service.cancel(booking_id, now=now)
    anonymise(person.pk, now=now)


def anonymise(person_id, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person_id)
        if person.anonymised_at is not None:
            return False
        outbox.cancel_scheduled(Q(booking__person=person))
        OutboxMessage.objects.filter(booking__person=person).update(
            recipient="", recipient_name="", payload={}
        )
        Booking.objects.filter(person=person).update(access_needs="", confirmations=[])
        # "Every meeting until I cancel" must not book someone who is forgotten.
        StandingRegistration.objects.filter(person=person).exclude(
            status=StandingRegistration.Status.CANCELLED
        ).update(status=StandingRegistration.Status.CANCELLED, cancelled_at=now)
        StandingRegistration.objects.filter(person=person).update(access_needs="")
        StandingShift.objects.filter(person=person).exclude(
            status=StandingShift.Status.CANCELLED
        ).update(status=StandingShift.Status.CANCELLED, cancelled_at=now)
        person.name = person.email = person.phone = ""
        # Frees the address: the same person may book again later as someone new.
        person.email_key = f"anonymised:{person.public_id}"
        person.token_version += 1  # every link sent so far stops working
        person.anonymised_at = now
        person.save()
    return True


def purge(now=None, days=None):
    """Anonymise everyone whose last booking ended more than ``days`` ago (beat, daily).

    Returns how many people were anonymised.
    """
    now = now or timezone.now()
    days = settings.TAPESTRY_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    # Per booking first: a regular volunteer's old access needs go even while they
    # keep booking new shifts.
    Booking.objects.filter(bookable__ends_at__lt=cutoff).exclude(
        access_needs="", confirmations=[]
    ).update(access_needs="", confirmations=[])
    recent = Booking.objects.filter(bookable__ends_at__gte=cutoff).values("person_id")
    due = Person.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff).exclude(
        pk__in=recent
    )
    count = 0
    for person_id in due.values_list("pk", flat=True).iterator():
        count += anonymise(person_id, now=now)
    return count
