"""The thank-you mail the morning after a shift, to the volunteers who came, once.

A daily beat task (in the morning) owes one mail to each volunteer checked in on a shift
that ended before today. The outbox's unique target key makes it once however often the
task runs; the mail's send-time rule skips it if the check-in was undone meanwhile.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.bookings.models import Booking
from events.bookings.services.checkin import today_window
from events.outbox.services import outbox

PURPOSE = "shift_thanks"
# Far enough back to cover a missed morning or two; no further, so turning the feature on
# does not thank people for shifts of last year.
LOOK_BACK = timedelta(days=3)


def owed(now=None):
    """Bookings owed a thank-you: checked in on a shift that ended before today."""
    now = now or timezone.now()
    today, _ = today_window(now)
    return (
        Booking.objects.select_related("person")
        .filter(
            bookable__shift__isnull=False,
            bookable__ends_at__lte=today,
            bookable__ends_at__gt=today - LOOK_BACK,
            status=Booking.Status.CONFIRMED,
            attendance=Booking.Attendance.ATTENDED,
            person__anonymised_at__isnull=True,
        )
        .exclude(person__email="")
    )


def schedule(now=None):
    """Write the thank-you mails owed; returns how many were new."""
    now = now or timezone.now()
    with transaction.atomic():
        mails = [
            outbox.Mail(
                recipient=booking.person.email,
                recipient_name=booking.person.name,
                purpose=PURPOSE,
                target_key=f"booking:{booking.pk}:thanks",
                booking=booking,
                due_at=now,
            )
            for booking in owed(now)
        ]
        return len(outbox.schedule(*mails, now=now))
