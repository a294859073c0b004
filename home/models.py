from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

# Short editorial text: no headings or embeds, which belong in StreamField bodies.
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HomePage(Page):
    """The campaign's front door: a calm hero, a short welcome, then what is coming up."""

    hero_heading = models.CharField(
        max_length=120,
        help_text="The main heading of the site. Keep it short and kind.",
    )
    hero_text = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the heading.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A calm photograph; it is decorative, so the text must stand alone.",
    )
    hero_link_text = models.CharField(max_length=60, blank=True)
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_text"),
                FieldPanel("hero_link_page"),
            ],
            heading="Hero",
        ),
        FieldPanel("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Filled by the events and stories features; empty lists keep the slots calm.
        from events.services import listing

        context["upcoming_events"] = listing.next_occurrences(limit=5, request=request)
        context["current_campaign"] = listing.current_campaign()
        context["latest_stories"] = []
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them, shown in the header and footer."""

    organisation_name = models.CharField(max_length=120, default="Tapestry")
    tagline = models.CharField(max_length=160, blank=True)
    contact_email = models.EmailField(blank=True)
    footer_text = models.TextField(
        max_length=600,
        blank=True,
        help_text="A short note shown at the foot of every page.",
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "site settings"
