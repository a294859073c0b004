"""Starting and ending a standing sign-up ("every meeting until I stop"), for shifts and
registrations.

Both kinds start the same way: the person confirms the first meeting's booking by the
emailed link, the pending series becomes active and books the meetings ahead. Both end the
same way: no more meetings are booked, and the meetings ahead that
the person still holds are given up through the engine, so their seats go to the
waiting list. They differ in which bookings are the series' meetings and in whether
each given-up meeting is mailed about.
"""

from django.db import transaction
from django.utils import timezone

from events.bookings.models import Booking
from events.bookings.services import booking


def end_standing(standing, *, meetings, tell_person, now=None):
    """Cancel ``standing`` (a StandingShift or StandingRegistration) and give up its
    bookings ahead.

    ``meetings``: a Q selecting the bookings of the series' meetings. ``tell_person``:
    mail a cancellation for each meeting given up (``booking.cancel_own``), or let the
    one "you stopped" answer on the page stand for all of them (``booking.cancel``).
    """
    now = now or timezone.now()
    give_up = booking.cancel_own if tell_person else booking.cancel
    with transaction.atomic():
        type(standing).objects.filter(pk=standing.pk).update(
            status=standing.Status.CANCELLED, cancelled_at=now
        )
        ahead = Booking.objects.filter(
            meetings,
            person=standing.person,
            status__in=Booking.ACTIVE,
            bookable__starts_at__gt=now,
        ).values_list("pk", flat=True)
        for booking_id in list(ahead):
            give_up(booking_id, now=now)


def activate(model, confirmed_booking, now, extend):
    """If ``confirmed_booking`` was the first meeting of a pending ``model`` (StandingShift or
    StandingRegistration), make that series active and let ``extend`` book the meetings
    ahead. Returns the series, or None when the booking started none."""
    standing = (
        model.objects.select_related("person", "event")
        .filter(first_booking=confirmed_booking, status=model.Status.PENDING)
        .first()
    )
    if standing is None:
        return None
    standing.status = model.Status.ACTIVE
    standing.confirmed_at = now
    standing.save(update_fields=["status", "confirmed_at"])
    extend(standing, now=now)
    return standing
