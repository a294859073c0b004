from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from events.core.models import ShareImageMixin
from home.blocks import StoryBodyBlock
from home.forms import CommentForm
from home.sharing import page_url, share_links

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
        from events.calendar.services import listing

        context["upcoming_events"] = listing.next_occurrences(limit=5, request=request)
        context["current_campaign"] = listing.current_campaign()
        context["latest_stories"] = latest_stories(limit=3)
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
    disclaimer = RichTextField(
        features=INTRO_FEATURES,
        blank=True,
        default=(
            "<p>Stories and articles on this site share experience and information. They are "
            "not medical advice and do not replace care from a qualified professional. If "
            "you are in danger right now, call your local emergency number.</p>"
        ),
        help_text="Shown at the end of every story and article.",
    )
    crisis_banner_enabled = models.BooleanField(
        "show the crisis-support banner",
        default=False,
        help_text="Shows the banner below the header on every page of the site.",
    )
    crisis_banner_text = models.CharField(
        max_length=200,
        blank=True,
        default="Need to talk to someone now? Free, confidential support is available.",
    )
    crisis_banner_phone = models.CharField(
        "phone number",
        max_length=40,
        blank=True,
        help_text="Shown as a link that phones can call, e.g. 0800 000 000.",
    )
    crisis_banner_url = models.URLField("web address", blank=True)
    crisis_banner_link_text = models.CharField(
        "link text", max_length=80, blank=True, default="Find support near you"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked in the footer and next to every consent box.",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked in the footer of every page.",
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
            heading="Crisis-support banner",
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading="Privacy and accessibility",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    def clean(self):
        super().clean()
        if self.crisis_banner_enabled and not (self.crisis_banner_phone or self.crisis_banner_url):
            raise ValidationError(
                {
                    "crisis_banner_enabled": "Add a phone number or a web address before switching "
                    "the banner on, so that it always offers a way to get help."
                }
            )


class ContentPage(Page):
    """A plain page of text an editor keeps up to date: the privacy notice, the
    accessibility statement, "about us"."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the title; also the page's search description "
        "when that is left empty.",
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Shown on the page. Update it whenever the content is checked again.",
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
        verbose_name = "content page"


class Author(index.Indexed, models.Model):
    """Who wrote an article or told a story. Shown with a short bio under the text."""

    name = models.CharField(max_length=120)
    credential = models.CharField(
        max_length=160,
        blank=True,
        help_text=(
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
        ordering = ["name"]

    def __str__(self):
        return self.name


class StoryCategory(models.Model):
    """A broad theme, e.g. 'Recovery' or 'Peer support'. Readers filter by it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=240, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class StoryIndexPage(Page):
    """Lists stories and articles, with category and tag filters, search and pages."""

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    stories_per_page = models.PositiveSmallIntegerField(default=12)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("stories_per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StoryPage", "home.ArticlePage"]

    class Meta:
        verbose_name = "story index page"

    def get_context(self, request, *args, **kwargs):
        from home.services import stories

        context = super().get_context(request, *args, **kwargs)
        context.update(stories.index_listing(self, request.GET))
        return context


class BaseStoryPage(ShareImageMixin, Page):
    """What stories and advocacy articles share: summary, author, body, comments."""

    intro = models.TextField(
        max_length=500,
        help_text="One or two sentences shown under the title and in listings and feeds.",
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
        help_text="Shown in listings and when the page is shared. Give it a description "
        "(alt text) in the image library.",
    )
    body = StreamField(StoryBodyBlock())
    canonical_url = models.URLField(
        "originally published at",
        blank=True,
        help_text="If this text first appeared elsewhere, its address. Search engines are "
        "then pointed there.",
    )
    allow_comments = models.BooleanField(default=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("live"),
    ]
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

        context["absolute_url"] = page_url(request, self)
        context["social"] = social.meta_for(request, self)
        context["comments"] = self.approved_comments()
        context["comment_form"] = getattr(request, "comment_form", None) or CommentForm()
        context["comment_received"] = request.GET.get("comment") == "received"
        context["share_links"] = share_links(
            request, self, image_url=social.image_url(context["social"])
        )
        context["print_view"] = request.GET.get("view") == "print"
        return context

    def get_template(self, request, *args, **kwargs):
        return "home/story_page.html"

    def approved_comments(self):
        return list(
            Comment.objects.filter(page_id=self.pk, status=Comment.Status.APPROVED)
            .only("pk", "name", "body", "created_at")
            .order_by("created_at", "pk")
        )

    @property
    def kind_label(self):
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

    storyteller_name = models.CharField(
        "shared by",
        max_length=120,
        blank=True,
        help_text="The name the storyteller chose to show. Leave empty for 'anonymous'.",
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
        verbose_name = "story page"


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(BaseStoryPage):
    """An advocacy article: explains, argues and points readers to help."""

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
        verbose_name = "article page"


def latest_stories(limit=3, within=None):
    """The newest live stories and articles as listing cards, in a fixed number of queries."""
    from home.services import stories

    return stories.latest(limit=limit, within=within)


class Comment(models.Model):
    """A reader's comment on a story or article. Nothing is public until approved."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reader_comments"
    )
    name = models.CharField("display name", max_length=80)
    body = models.TextField("comment", max_length=3000)
    email = models.EmailField(
        blank=True, help_text="Private: only moderators see it, and only in the admin."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A keyed hash of the sender's address: enough to spot a flood, useless to anyone else.
    sender_hash = models.CharField(max_length=64, blank=True, editable=False)
    # A hash of the page and the normalised text, for duplicate suppression.
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    moderators_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("body"),
        FieldPanel("email", read_only=True),
        FieldPanel("page", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        return f"{self.name} on {self.page.title}" if self.page_id else self.name


class StorySubmission(models.Model):
    """A reader's own story, sent through the public form. The page it became is a draft."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=140)
    display_name = models.CharField(max_length=80, blank=True)
    anonymous = models.BooleanField(default=False)
    consented_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    sender_hash = models.CharField(max_length=64, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    editors_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "story shared by a reader"
        verbose_name_plural = "stories shared by readers"

    def __str__(self):
        return self.title

    @property
    def shown_as(self):
        return "Anonymous" if self.anonymous or not self.display_name else self.display_name


def approved_comment_count():
    """An annotation for page querysets: how many approved comments each page has."""
    return Count("reader_comments", filter=Q(reader_comments__status=Comment.Status.APPROVED))
