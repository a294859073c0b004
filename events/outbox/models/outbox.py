import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    # By name: the outbox sits below bookings and must not import them.
    booking = models.ForeignKey(
        "events.Booking", null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
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
        verbose_name_plural = _("outgoing mails")
        verbose_name = _("outgoing mail")
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
