"""Volunteer shifts: what editors write on the event page, and what volunteers book.

Two models on purpose. ``EventShift`` is page content (an inline on the event page), so it
lives in drafts and revisions like the rest of the page. ``Shift`` is the bookable that
publishing makes from it (``events.bookings.services.shifts.sync``): it holds the seat count and
the bookings, which must never be rewound by publishing an old revision. The shift's
``uid`` ties the two together across revisions.
"""

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from events.bookings.models.booking import Bookable, confirmed_places
from events.bookings.models.standing import Standing


class EventShift(Orderable):
    event = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="shifts")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    role = models.CharField(max_length=120, help_text=_("For example: Welcome desk."))
    description = models.TextField(blank=True, help_text=_("What the volunteer will do."))
    date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Empty: the event's first day. For a repeating event, the meeting's date."),
    )
    repeats = models.BooleanField(
        _("Every meeting"),
        default=False,
        help_text=(
            _(
                "For a repeating event: a shift at every meeting (leave the date empty). It "
                "follows moved meetings, and a cancelled meeting cancels its shift."
            )
        ),
    )
    start_time = models.TimeField()
    end_time = models.TimeField()
    capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1)], help_text=_("How many volunteers.")
    )
    requirements = models.TextField(
        blank=True,
        help_text=(
            _(
                "One per line, for example 'I am 18 or over'. Volunteers tick each one to "
                "confirm it when they sign up."
            )
        ),
    )
    location_note = models.CharField(
        max_length=200, blank=True, help_text=_("For example: meet at the side entrance.")
    )
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Sign-up opens at this time. Empty: open now.")
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Sign-up closes at this time. Empty: when it starts.")
    )

    panels = [
        FieldPanel("role"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("repeats"),
        FieldPanel("capacity"),
        FieldPanel("requirements"),
        FieldPanel("location_note"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("volunteer shift")

    def __str__(self):
        return self.role


class ShiftQuerySet(models.QuerySet):
    def current(self):
        """Shifts still on their event's page (removed ones stay for the records)."""
        return self.filter(removed_at__isnull=True)

    def with_public_seats(self):
        """Each shift's confirmed places counted in the same query (for lists of cards)."""
        return self.annotate(confirmed_places=confirmed_places())


class Shift(Bookable):
    """A published shift people can book; written only by ``events.bookings.services.shifts``."""

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="live_shifts"
    )
    uid = models.UUIDField()
    role = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    requirements = models.TextField(blank=True)
    location_note = models.CharField(max_length=200, blank=True)
    # The meeting of a repeating event this shift belongs to (its local date), or "".
    occurrence_key = models.CharField(max_length=10, blank=True)
    # A shift repeated at every meeting: the page shift's uid, shared by all its meetings'
    # shifts (each of which has its own ``uid``). None for a one-date shift.
    series_uid = models.UUIDField(null=True, blank=True)
    sort_order = models.IntegerField(default=0)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "uid"], name="one_shift_per_page_shift"),
        ]

    def __str__(self):
        return self.title

    @property
    def requirement_list(self):
        return [line.strip() for line in self.requirements.splitlines() if line.strip()]


class StandingShift(Standing):
    """A volunteer's "every meeting until I stop" on a shift that repeats at every meeting.

    Like an attendee's ``StandingRegistration`` it holds no seat: each meeting's ``Shift``
    is booked through the engine. It becomes active when the person confirms the first
    booking by email (``events.bookings.services.shifts.activate_standing``); until then it books
    nothing and nothing is stored about them beyond that first, unconfirmed booking.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="standing_shifts"
    )
    # The page shift's uid: every meeting's Shift of the series has it as ``series_uid``.
    series_uid = models.UUIDField()
    person = models.ForeignKey(
        "events.Person", on_delete=models.CASCADE, related_name="standing_shifts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series_uid", "person"],
                condition=models.Q(status__in=["pending", "active"]),
                name="one_standing_shift_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person} at every meeting of shift series {self.series_uid}"
