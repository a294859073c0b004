"""Site-wide settings: who runs the site, the crisis banner and the trust pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from events.core.services.kept_site import KeptSiteSetting
from home.models.rich_text import INTRO_FEATURES


@register_setting(icon="site")
class SiteSettings(KeptSiteSetting, BaseSiteSetting):
    """Who runs the site and how to reach them, shown in the header and footer."""

    organisation_name = models.CharField(max_length=120, default="Tapestry")
    tagline = models.CharField(max_length=160, blank=True)
    contact_email = models.EmailField(blank=True)
    footer_text = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A short note shown at the foot of every page."),
    )
    disclaimer = RichTextField(
        features=INTRO_FEATURES,
        blank=True,
        default=(
            "<p>Stories and articles on this site share experience and information. They are "
            "not medical advice and do not replace care from a qualified professional. If "
            "you are in danger right now, call your local emergency number.</p>"
        ),
        help_text=_("Shown at the end of every story and article."),
    )
    crisis_banner_enabled = models.BooleanField(
        _("show the crisis-support banner"),
        default=False,
        help_text=_("Shows the banner below the header on every page of the site."),
    )
    crisis_banner_text = models.CharField(
        max_length=200,
        blank=True,
        default="Need to talk to someone now? Free, confidential support is available.",
    )
    crisis_banner_phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("Shown as a link that phones can call, e.g. 0800 000 000."),
    )
    crisis_banner_url = models.URLField(_("web address"), blank=True)
    crisis_banner_link_text = models.CharField(
        _("link text"), max_length=80, blank=True, default="Find support near you"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked in the footer and next to every consent box."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked in the footer of every page."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        FieldPanel("disclaimer"),
        MultiFieldPanel(
            [
                FieldPanel("crisis_banner_enabled"),
                FieldPanel("crisis_banner_text"),
                FieldRowPanel([FieldPanel("crisis_banner_phone"), FieldPanel("crisis_banner_url")]),
                FieldPanel("crisis_banner_link_text"),
            ],
            heading=_("Crisis-support banner"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Privacy and accessibility"),
        ),
    ]

    # The footer links both trust pages on every page: read with the settings (Wagtail's
    # base_queryset, and the kept sites' one query, events.core.services.kept_site).
    select_related = ["privacy_page", "accessibility_page"]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        if self.crisis_banner_enabled and not (self.crisis_banner_phone or self.crisis_banner_url):
            raise ValidationError(
                {
                    "crisis_banner_enabled": _(
                        "Add a phone number or a web address before switching the banner on, "
                        "so that it always offers a way to get help."
                    )
                }
            )
