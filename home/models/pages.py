"""The home page and plain content pages (privacy notice, accessibility statement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from events.calendar.models.site_roots import SiteRootsOnceMixin
from events.calendar.models.view_restrictions import RestrictionsOnceMixin
from events.core.models import ReaderLanguageUrlMixin
from home.blocks import StoryBodyBlock
from home.models.rich_text import INTRO_FEATURES


class HomePage(RestrictionsOnceMixin, SiteRootsOnceMixin, ReaderLanguageUrlMixin, Page):
    """The campaign's front door: a calm hero, a short welcome, then what is coming up."""

    hero_heading = models.CharField(
        max_length=120,
        help_text=_("The main heading of the site. Keep it short and kind."),
    )
    hero_text = models.TextField(
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the heading."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. A calm photograph; it is decorative, so the text must stand alone."),
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
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Filled by the events and stories features (the next events: calendar_tags).
        from home.services import home_sections

        context["sections"] = home_sections.sections(request, self)
        return context


class ContentPage(RestrictionsOnceMixin, SiteRootsOnceMixin, ReaderLanguageUrlMixin, Page):
    """A plain page of text an editor keeps up to date: the privacy notice, the
    accessibility statement, "about us"."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text=_(
            "One or two sentences under the title; also the page's search description "
            "when that is left empty."
        ),
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=_("Shown on the page. Update it whenever the content is checked again."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("content page")
