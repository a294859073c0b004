"""Readers' comments on stories and articles, held for moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Comment(models.Model):
    """A reader's comment on a story or article. Nothing is public until approved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reader_comments"
    )
    name = models.CharField(_("display name"), max_length=80)
    body = models.TextField(_("comment"), max_length=3000)
    email = models.EmailField(
        blank=True, help_text=_("Private: only moderators see it, and only in the admin.")
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A keyed hash of the sender's address: enough to spot a flood, useless to anyone else.
    sender_hash = models.CharField(max_length=64, blank=True, editable=False)
    # A hash of the page and the normalised text, for duplicate suppression.
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    moderators_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("body"),
        FieldPanel("email", read_only=True),
        FieldPanel("page", read_only=True),
    ]

    class Meta:
        verbose_name_plural = _("comments")
        verbose_name = _("comment")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        if not self.page_id:
            return self.name
        # Translators: a reader's comment in the admin, e.g. "Sam on Finding calm".
        return gettext("%(name)s on %(page)s") % {"name": self.name, "page": self.page.title}


# Names for the admin in every language. Set here rather than in Meta: the English is
# Django's default, and a Meta option would only add a migration that changes nothing.


def approved_comment_count():
    """An annotation for page querysets: how many approved comments each page has."""
    return Count("reader_comments", filter=Q(reader_comments__status=Comment.Status.APPROVED))
