"""One event sent through the public "add your event" form, and who sent it."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """Ties a draft event page to the person who sent it, without an account.

    The submitter comes back through a signed link carrying ``public_id`` and
    ``token_version``; raising the version revokes every link sent before.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="submissions"
    )
    submitter_name = models.CharField(max_length=120)
    submitter_email = models.EmailField()
    organiser_name = models.CharField(max_length=120, blank=True)
    organiser_website = models.URLField(blank=True)
    partner = models.ForeignKey(
        "events.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text=_(
            "Matched when the verified address is the partner's contact address, or "
            "chosen by an editor. A partner trusted in the event's campaign publishes directly."
        ),
    )
    token_version = models.PositiveIntegerField(default=1, editable=False)
    email_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("submitted events")
        ordering = ["-created_at"]
        verbose_name = _("submitted event")

    def __str__(self):
        return f"{self.page.title} (from {self.submitter_name})"

    @property
    def is_verified(self):
        return self.email_verified_at is not None
