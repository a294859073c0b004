"""The site's share-card branding, for pages that belong to no campaign (a campaign's own
branding fills in first; see ``CampaignPage``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from events.core.models.page_fields import colour_field, hashtag_field, logo_field
from events.core.services.kept_site import KeptSiteSetting


@register_setting(icon="image")
class BrandSettings(KeptSiteSetting, BaseSiteSetting):
    """Share-card branding for pages that belong to no campaign."""

    name = models.CharField(
        max_length=120, blank=True, help_text=_("Shown at the foot of cards, e.g. your network.")
    )
    primary_colour = colour_field("primary colour")
    accent_colour = colour_field("accent colour")
    logo = logo_field()
    hashtag = hashtag_field()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("primary_colour"),
                FieldPanel("accent_colour"),
                FieldPanel("logo"),
                FieldPanel("hashtag"),
            ],
            heading=_("Share cards"),
        )
    ]

    class Meta:
        verbose_name = _("share card branding")
