"""What a volunteer's standing shift and an attendee's standing registration share.

"Every meeting until I stop" holds no seat itself: each meeting is booked through the
engine. It waits for the email confirmation of the first booking (pending), then books
the meetings as they come into range (active) until the person stops it (cancelled).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Standing(models.Model):
    """The fields both kinds of standing sign-up have, defined once (an abstract model:
    no table of its own, and the same columns as before on each)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        ACTIVE = "active", pgettext_lazy("every-meeting sign-up status", "Active")
        CANCELLED = "cancelled", pgettext_lazy("every-meeting sign-up status", "Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The meeting booking whose confirmation makes the standing sign-up active.
    first_booking = models.ForeignKey(
        "events.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
