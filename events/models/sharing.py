"""What pages need for sharing: an editor's own share image, and the site's card branding.

Campaign pages carry their own branding (see ``CampaignPage``); :class:`BrandSettings`
is the default for pages outside any campaign and fills in what a campaign leaves empty.
"""

from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Give a colour as # and six hex digits, for example #1f4e5f."
)
COLOUR_HELP = (
    "# and six hex digits, e.g. #1f4e5f. Cards choose light or dark text to stay readable "
    "(WCAG AA), adjusting the colour slightly if neither would be."
)
HASHTAG_HELP = "Without spaces, e.g. #TalkMore. Shown on cards and in suggested posts."


def colour_field(verbose_name):
    return models.CharField(
        verbose_name, max_length=7, blank=True, validators=[hex_colour], help_text=COLOUR_HELP
    )


def hashtag_field():
    return models.CharField(max_length=60, blank=True, help_text=HASHTAG_HELP)


def logo_field():
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown small at the top of share cards. A transparent PNG works best.",
    )


class ShareImageMixin(models.Model):
    """An uploaded image that replaces the generated share card in link previews."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="share image",
        help_text="Optional. Used instead of the generated card when this page is shared; "
        "cropped to 1200x630 around its focal point.",
    )

    class Meta:
        abstract = True

    @property
    def share_card_override(self):
        # The name events.services.share_card_store looks for.
        return self.share_image


@register_setting(icon="image")
class BrandSettings(BaseSiteSetting):
    """Share-card branding for pages that belong to no campaign."""

    name = models.CharField(
        max_length=120, blank=True, help_text="Shown at the foot of cards, e.g. your network."
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
            heading="Share cards",
        )
    ]

    class Meta:
        verbose_name = "share card branding"
