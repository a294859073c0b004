"""Attendee registration (RSVP): what the public books on an event, or on one meeting.

The editor's settings (mode, capacity, window, reminders) are fields on the event page, so
they live in drafts and revisions. ``Registration`` is the bookable made from them: one for
a one-off event, one per meeting of a repeating event (created when the first person books
that meeting). Like ``Shift`` it is written only by a service
(``events.bookings.services.registrations``) and holds seats and bookings that publishing an old
revision must never rewind.
"""

from django.db import models

from events.bookings.models.booking import Bookable, HowHeard
from events.bookings.models.standing import Standing

# "Unlimited" places are a capacity nobody reaches: the engine, its lock and the database
# constraint then treat unlimited and limited events alike, with no special case to forget.
UNLIMITED = 100_000


class RegistrationQuerySet(models.QuerySet):
    def current(self):
        """Registrations whose meeting still takes place (cancelled ones stay for records)."""
        return self.filter(removed_at__isnull=True)


class Registration(Bookable):
    """Places at one event, or at one meeting of a repeating event."""

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    # The meeting's key (its original local date) for a repeating event, "" for a one-off.
    occurrence_key = models.CharField(max_length=10, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence_key"], name="one_registration_per_meeting"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_unlimited(self):
        return self.capacity >= UNLIMITED


class StandingRegistration(Standing):
    """ "Every meeting until I cancel": a person's standing place in a repeating group.

    It is not a seat itself. Each meeting is still booked through the engine (one Booking
    per meeting's Registration), so capacity, waiting lists, reminders, change and
    cancellation notices work per meeting exactly as for a single registration;
    ``events.bookings.services.registrations.extend`` books the meetings ahead as they come into
    range. It becomes active when the person confirms the first meeting by email.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="standing_registrations"
    )
    person = models.ForeignKey(
        "events.Person", on_delete=models.CASCADE, related_name="standing_registrations"
    )
    access_needs = models.TextField(blank=True)
    how_heard = models.CharField(max_length=20, blank=True, choices=HowHeard.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=models.Q(status__in=["pending", "active"]),
                name="one_standing_registration_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person} at every meeting of {self.event_id}"
