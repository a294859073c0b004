"""Stories readers send in through the public form."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StorySubmission(models.Model):
    """A reader's own story, sent through the public form. The page it became is a draft."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=140)
    display_name = models.CharField(max_length=80, blank=True)
    anonymous = models.BooleanField(default=False)
    consented_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    sender_hash = models.CharField(max_length=64, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    editors_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("story shared by a reader")
        verbose_name_plural = _("stories shared by readers")

    def __str__(self):
        return self.title

    @property
    def shown_as(self):
        return "Anonymous" if self.anonymous or not self.display_name else self.display_name
