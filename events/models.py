import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse


class Heartbeat(models.Model):
    """The last time a periodic job ran, written by the worker that ran it.

    One row per job name. /healthz reads these to tell a load balancer whether Celery beat
    and the workers are alive; nothing else depends on them.
    """

    name = models.SlugField(max_length=64, unique=True)
    last_seen = models.DateTimeField()
    runs = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "heartbeat"

    def __str__(self):
        return f"{self.name} at {self.last_seen:%Y-%m-%d %H:%M:%S}"


class Bookable(models.Model):
    """Something with a limited number of seats that people book without an account.

    A volunteer shift and an event's registration are both Bookables (they subclass it), so
    one engine in ``events.services.booking`` enforces the same rules for both.
    ``seats_taken`` counts bookings that hold a seat (pending, offered, confirmed); it is
    only changed under a row lock, and the check constraint refuses overbooking even if a
    code path forgot the lock.
    """

    title = models.CharField(max_length=200, help_text="What is booked, as mail shows it.")
    location = models.CharField(max_length=255, blank=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Bumped when the time or place changes materially: reminders are rescheduled and
    # calendar attachments carry it as SEQUENCE.
    schedule_version = models.PositiveIntegerField(default=0)
    capacity = models.PositiveIntegerField(help_text="How many people can take part.")
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Sign-up opens at this time. Empty: open now."
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Sign-up closes at this time. Empty: at the start."
    )
    hold_minutes = models.PositiveIntegerField(
        default=30, help_text="How long an unconfirmed sign-up keeps its seat."
    )
    offer_hours = models.PositiveIntegerField(
        default=12, help_text="How long someone from the waiting list has to accept a seat."
    )
    allow_overlap = models.BooleanField(
        default=False, help_text="Let one person book this alongside overlapping bookings."
    )
    reminder_hours = models.CharField(
        max_length=40,
        blank=True,
        help_text="Hours before the start to send reminders, e.g. '48, 3'. Empty: the default.",
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

    class Meta:
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


class Booking(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for email confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        OFFERED = "offered", "Offered a seat"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"

    # Statuses that occupy one of the bookable's seats.
    HOLDS_SEAT = (Status.PENDING, Status.OFFERED, Status.CONFIRMED)
    ACTIVE = (*HOLDS_SEAT, Status.WAITLISTED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bookable = models.ForeignKey(Bookable, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=12, choices=Status.choices)
    access_needs = models.TextField(blank=True)
    created_at = models.DateTimeField()
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
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


class OutboxMessage(models.Model):
    """One mail Tapestry owes someone: written in the transaction that causes it.

    The unique constraint makes writing the same mail twice impossible; beat's sweep claims
    due rows and a worker sends each one, re-checking the row under a lock, so a mail goes
    out once even when sweeps race or a worker dies and its task is redelivered.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        SKIPPED = "skipped", "Skipped"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.EmailField()
    recipient_name = models.CharField(max_length=120, blank=True)
    purpose = models.CharField(max_length=40)
    # What the mail is about, e.g. "booking:42"; with purpose and version it makes the row
    # unique. schedule_version lets a rescheduled reminder be a new row beside the old one.
    target_key = models.CharField(max_length=80)
    schedule_version = models.PositiveIntegerField(default=0)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
    )
    payload = models.JSONField(default=dict, blank=True)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "outgoing mail"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "purpose", "target_key", "schedule_version"],
                name="one_mail_per_purpose_target_version",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["status", "claimed_at"]),
        ]

    def __str__(self):
        return f"{self.purpose} to {self.recipient} ({self.get_status_display()})"


def share_card_upload_to(instance, filename):
    """Cards are named by their content hash, in 256 folders to keep directories small."""
    extension = filename.rsplit(".", 1)[-1]
    return f"share-cards/{instance.content_hash[:2]}/{instance.content_hash}.{extension}"


class ShareCard(models.Model):
    """A rendered share card for any object (a page, an event, a campaign), stored once.

    ``content_hash`` covers everything that decides the pixels (see
    ``events.services.share_cards.content_hash``), so a row is never updated: a change of
    content makes a new row with a new hash and a new URL, and the old row is removed.
    """

    class Layout(models.TextChoices):
        LANDSCAPE = "landscape", "Landscape 1200x630 (link previews)"
        SQUARE = "square", "Square 1080x1080"
        STORY = "story", "Story 1080x1920"

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    layout = models.CharField(max_length=16, choices=Layout.choices)
    content_hash = models.CharField(max_length=64, db_index=True)
    image = models.FileField(upload_to=share_card_upload_to, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "share card"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "layout", "content_hash"],
                name="share_card_unique_per_content",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "layout"])]

    def __str__(self):
        owner = f"{self.content_type_id}:{self.object_id}"
        return f"{self.layout} card {self.content_hash[:12]} for {owner}"

    def get_absolute_url(self):
        return reverse(
            "events:share_card", kwargs={"content_hash": self.content_hash, "ext": self.extension}
        )

    @property
    def extension(self):
        return self.image.name.rsplit(".", 1)[-1]
