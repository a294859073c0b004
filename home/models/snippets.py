"""Snippets that stories and articles point to: authors and categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Author(index.Indexed, models.Model):
    """Who wrote an article or told a story. Shown with a short bio under the text."""

    name = models.CharField(max_length=120)
    credential = models.CharField(
        max_length=160,
        blank=True,
        help_text=_(
            "Optional. How readers should understand the author's voice, e.g. "
            "'Peer supporter — shares lived experience, not a licensed professional'."
        ),
    )
    bio = models.TextField(max_length=800, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credential"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name_plural = _("authors")
        verbose_name = _("author")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Names for the admin in every language. Set here rather than in Meta: the English is
# Django's default, and a Meta option would only add a migration that changes nothing.


class StoryCategory(models.Model):
    """A broad theme, e.g. 'Recovery' or 'Peer support'. Readers filter by it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=240, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name
