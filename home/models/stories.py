"""The story index, personal stories and advocacy articles, with their tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from events.calendar.models.site_roots import SiteRootsOnceMixin
from events.calendar.models.view_restrictions import RestrictionsOnceMixin
from events.core.models import ReaderLanguageUrlMixin, ShareImageMixin
from home.blocks import StoryBodyBlock
from home.models.rich_text import INTRO_FEATURES
from home.sharing import page_url, share_links


class StoryIndexPage(RestrictionsOnceMixin, SiteRootsOnceMixin, ReaderLanguageUrlMixin, Page):
    """Lists stories and articles, with category and tag filters, search and pages."""

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    stories_per_page = models.PositiveSmallIntegerField(default=12)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("stories_per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StoryPage", "home.ArticlePage"]

    class Meta:
        verbose_name = _("story index page")

    def get_context(self, request, *args, **kwargs):
        from home.services import stories

        context = super().get_context(request, *args, **kwargs)
        context.update(stories.index_listing(self, request.GET))
        context["story_list"] = stories.card_list(request, context["stories"])
        return context


class BaseStoryPage(
    RestrictionsOnceMixin, SiteRootsOnceMixin, ReaderLanguageUrlMixin, ShareImageMixin, Page
):
    """What stories and advocacy articles share: summary, author, body, comments."""

    intro = models.TextField(
        max_length=500,
        help_text=_("One or two sentences shown under the title and in listings and feeds."),
    )
    author = models.ForeignKey(
        "home.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in listings and when the page is shared. Give it a description "
            "(alt text) in the image library."
        ),
    )
    body = StreamField(StoryBodyBlock())
    canonical_url = models.URLField(
        _("originally published at"),
        blank=True,
        help_text=_(
            "If this text first appeared elsewhere, its address. Search engines are "
            "then pointed there."
        ),
    )
    allow_comments = models.BooleanField(default=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("live"),
    ]
    api_fields = ["intro"]  # for /api/v2/pages/ (with the title and dates every page has)
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("author"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("allow_comments")]

    parent_page_types = ["home.StoryIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from events.sharing.services import social
        from home.services import comment_pages, share_meta, story_article

        context["absolute_url"] = page_url(request, self)
        context["social"] = share_meta.meta_for(request, self)
        context["comment_page"] = comment_pages.kept_comment_page(
            self.pk, request.GET.get(comment_pages.PARAM)
        )
        # A form sent back with its errors; None for a blank one (home_tags.comment_form).
        context["comment_form"] = getattr(request, "comment_form", None)
        context["comment_received"] = request.GET.get("comment") == "received"
        context["share_links"] = share_links(
            request, self, image_url=social.image_url(context["social"])
        )
        context["print_view"] = request.GET.get("view") == "print"
        context["sections"] = story_article.sections(request, self, context)
        return context

    def get_template(self, request, *args, **kwargs):
        return "home/story_page.html"

    # What readers are told the page is ("story", "article"): listings, share links, cards.
    kind_name = None

    @property
    def kind_label(self):
        if self.kind_name is not None:
            return str(self.kind_name)
        return self._meta.verbose_name.replace(" page", "")

    def share_card_content(self, layout):
        from events.sharing.services import card_content

        return card_content.for_page(self, layout)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(BaseStoryPage):
    """A personal recovery story: someone's own experience, in their words."""

    # Translators: the kind of page, shown above its title and in "Share this story".
    kind_name = _("story")

    storyteller_name = models.CharField(
        _("shared by"),
        max_length=120,
        blank=True,
        help_text=_("The name the storyteller chose to show. Leave empty for 'anonymous'."),
    )
    categories = ParentalManyToManyField(
        "home.StoryCategory", blank=True, related_name="story_pages"
    )
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True)

    content_panels = [
        *BaseStoryPage.content_panels[:2],
        FieldPanel("storyteller_name"),
        *BaseStoryPage.content_panels[2:],
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("categories"),
        FieldPanel("tags"),
        FieldPanel("canonical_url"),
        FieldPanel("share_image"),
    ]

    class Meta:
        verbose_name = _("story page")


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(BaseStoryPage):
    """An advocacy article: explains, argues and points readers to help."""

    # Translators: the kind of page, shown above its title and in "Share this article".
    kind_name = _("article")

    categories = ParentalManyToManyField(
        "home.StoryCategory", blank=True, related_name="article_pages"
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("categories"),
        FieldPanel("tags"),
        FieldPanel("canonical_url"),
        FieldPanel("share_image"),
    ]

    class Meta:
        verbose_name = _("article page")
