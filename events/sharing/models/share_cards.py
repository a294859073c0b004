from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def share_card_upload_to(instance, filename):
    """Cards are named by their content hash, in 256 folders to keep directories small."""
    extension = filename.rsplit(".", 1)[-1]
    return f"share-cards/{instance.content_hash[:2]}/{instance.content_hash}.{extension}"


class ShareCard(models.Model):
    """A rendered share card for any object (a page, an event, a campaign), stored once.

    ``content_hash`` covers everything that decides the pixels (see
    ``events.sharing.services.card_hashing.content_hash``), so a row is never updated: a change of
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
    # The language its words are drawn in: a page keeps one current card per language.
    language = models.CharField(max_length=35, default=settings.LANGUAGE_CODE)
    content_hash = models.CharField(max_length=64, db_index=True)
    image = models.FileField(upload_to=share_card_upload_to, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("share cards")
        verbose_name = _("share card")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "layout", "content_hash"],
                name="share_card_unique_per_content",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "layout", "language"])]

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
