import uuid

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.core.models.reader_language import reader_language


class Bookable(models.Model):
    """Something with a limited number of seats that people book without an account.

    A volunteer shift and an event's registration are both Bookables (they subclass it), so
    one engine in ``events.bookings.services.booking`` enforces the same rules for both.
    ``seats_taken`` counts bookings that hold a seat (pending, offered, confirmed); it is
    only changed under a row lock. The check constraint guards this counter only; on
    PostgreSQL a constraint trigger counts the bookings themselves (docs/locking.md).
    """

    title = models.CharField(max_length=200, help_text=_("What is booked, as mail shows it."))
    location = models.CharField(max_length=255, blank=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Bumped when the time or place changes materially: reminders are rescheduled and
    # calendar attachments carry it as SEQUENCE.
    schedule_version = models.PositiveIntegerField(default=0)
    capacity = models.PositiveIntegerField(help_text=_("How many people can take part."))
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Sign-up opens at this time. Empty: open now.")
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Sign-up closes at this time. Empty: at the start.")
    )
    hold_minutes = models.PositiveIntegerField(
        default=30, help_text=_("How long an unconfirmed sign-up keeps its seat.")
    )
    offer_hours = models.PositiveIntegerField(
        default=12, help_text=_("How long someone from the waiting list has to accept a seat.")
    )
    allow_overlap = models.BooleanField(
        default=False, help_text=_("Let one person book this alongside overlapping bookings.")
    )
    reminder_hours = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Hours before the start to send reminders, e.g. '48, 3'. Empty: the default."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats_taken__lte=models.F("capacity")),
                name="bookable_never_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="bookable_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)

    @cached_property
    def public_seats_left(self):
        """Places left as the public sees them: only confirmed bookings count.

        Unconfirmed holds are left out because anyone can make one by typing an address:
        if they counted, the page would change for a new address and not for one already
        booked, telling a stranger who has booked (a support group, say).
        """
        if self.pk is None:  # a meeting nobody has booked yet is not saved
            return self.seats_left
        if "confirmed_places" in self.__dict__:  # annotated by ``with_public_seats()``
            return max(self.capacity - self.confirmed_places, 0)
        confirmed = self.bookings.filter(status=Booking.Status.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)


def confirmed_places():
    """An annotation: a bookable's confirmed bookings, so a list of them makes one query
    rather than one count per row (``public_seats_left`` reads it)."""
    confirmed = (
        Booking.objects.filter(bookable=models.OuterRef("pk"), status=Booking.Status.CONFIRMED)
        .order_by()
        .values("bookable")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(confirmed), 0)


class Person(models.Model):
    """Someone who booked with an email address. There is no password and no account."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    email_key = models.CharField(max_length=254, unique=True, editable=False)
    phone = models.CharField(max_length=40, blank=True)
    # Bumped to revoke every link sent so far (rotate); signed tokens carry the version.
    token_version = models.PositiveIntegerField(default=1)
    consent_at = models.DateTimeField()
    consent_text_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the retention purge or "delete my data" removed name, email and phone.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class HowHeard(models.TextChoices):
    """Answers to "how did you hear about us", for campaign reporting (counts, no names)."""

    FRIEND = "friend", _("From a friend or family member")
    SOCIAL = "social", _("Social media")
    POSTER = "poster", _("A poster or leaflet")
    HEALTH = "health", _("A GP, nurse or health worker")
    GROUP = "group", _("A local group or charity")
    SEARCH = "search", _("Searching online")
    NEWS = "news", _("Local news or radio")
    OTHER = "other", _("Somewhere else")


class Booking(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Offered a seat")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
        EXPIRED = "expired", pgettext_lazy("booking status", "Expired")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    # Statuses that occupy one of the bookable's seats.
    HOLDS_SEAT = (Status.PENDING, Status.OFFERED, Status.CONFIRMED)
    ACTIVE = (*HOLDS_SEAT, Status.WAITLISTED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bookable = models.ForeignKey(Bookable, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=12, choices=Status.choices)
    access_needs = models.TextField(blank=True)
    how_heard = models.CharField(max_length=20, blank=True, choices=HowHeard.choices)
    # The requirements (e.g. "I am 18 or over") the person ticked, as they were worded.
    confirmations = models.JSONField(default=list, blank=True)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, blank=True, default=Attendance.UNKNOWN
    )
    added_by = models.CharField(
        max_length=150, blank=True, help_text=_("The coordinator who added this person by hand.")
    )
    # A coordinator's correction of the volunteer hours the shift times give (came late,
    # stayed on). Empty: the hours follow the shift times and check-in.
    hours_corrected = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # A coordinator's order of the waiting list (lower first; empty: first come, first
    # served after those placed by hand), and their note saying why.
    queue_order = models.IntegerField(null=True, blank=True, editable=False)
    queue_note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Details typed into a sign-up for an address we already know. They are not proved
    # until the emailed link is followed, so they wait here and reach the Person (name,
    # phone, consent time) only when this booking is confirmed.
    offered_name = models.CharField(max_length=120, blank=True)
    offered_phone = models.CharField(max_length=40, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    # Mails, reminders and calendar files about this booking are written in this language.
    language = models.CharField(max_length=35, default=reader_language, editable=False)

    class Meta:
        permissions = [
            (
                "view_volunteer_details",
                "Can see and manage the names, contact details and needs of people who booked",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["bookable", "person"],
                condition=models.Q(status__in=["pending", "offered", "confirmed", "waitlisted"]),
                name="one_active_booking_per_person",
            ),
        ]
        indexes = [
            models.Index(fields=["bookable", "status", "created_at"]),
            models.Index(fields=["status", "hold_expires_at"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"
