"""Fields a page carries for sharing: an editor's own share image and card branding.

They are content, so pages in any room hold them; what is drawn from them lives in
events.sharing. ``CampaignPage`` uses the branding fields; the site-wide default is
``events.sharing.models.branding.BrandSettings``.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
        help_text=_("Shown small at the top of share cards. A transparent PNG works best."),
    )


class ShareImageMixin(models.Model):
    """An uploaded image that replaces the generated share card in link previews."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("share image"),
        help_text=_(
            "Optional. Used instead of the generated card when this page is shared; "
            "cropped to 1200x630 around its focal point."
        ),
    )

    class Meta:
        abstract = True

    @property
    def share_card_override(self):
        # The name events.sharing.services.share_card_store looks for.
        return self.share_image
