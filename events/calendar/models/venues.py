"""Snippets editors reuse across events: venues (with access information) and event kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class AccessFeature(models.TextChoices):
    """Access features people can filter on; each is a boolean field on ``Venue``."""

    STEP_FREE = "step_free", _("Step-free access")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    QUIET_ROOM = "quiet_room", _("Quiet room")
    SIGN_LANGUAGE = "sign_language", _("BSL/ASL interpretation")


class Venue(index.Indexed, models.Model):
    """A place where events happen. The area is what the public sees of a private address."""

    name = models.CharField(max_length=120)
    address = models.TextField(help_text=_("Full postal address, one part per line."))
    area = models.CharField(
        max_length=80,
        help_text=(
            _(
                "Neighbourhood or town, e.g. 'Riverside town centre'. This is all the public sees "
                "when an event shares its address only after registration."
            )
        ),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)
    sign_language = models.BooleanField(_("BSL/ASL interpretation"), default=False)
    access_notes = models.TextField(
        blank=True,
        help_text=_(
            "Anything else about getting in and around: parking, lifts, seating, lighting."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("area"),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Map position (optional)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("hearing_loop"),
                FieldPanel("quiet_room"),
                FieldPanel("sign_language"),
                FieldPanel("access_notes"),
            ],
            heading=_("Accessibility"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("area"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name_plural = _("venues")
        ordering = ["name"]
        verbose_name = _("venue")

    def __str__(self):
        return f"{self.name} ({self.area})"

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def access_features(self):
        """The labels of the access features this venue offers, in a stable order."""
        return [label for value, label in AccessFeature.choices if getattr(self, value)]


class EventKind(models.Model):
    """An editable list of kinds: workshop, support-group meeting, awareness activity..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name_plural = _("event kinds")
        ordering = ["name"]
        verbose_name = _("event kind")

    def __str__(self):
        return self.name
