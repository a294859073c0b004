"""Campaign pages and the stories an editor chose for them."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events.calendar import handover
from events.calendar.blocks import EventBodyBlock
from events.calendar.models.calendar_identity import CalendarIdentity
from events.calendar.models.choices import ALL_CARD_LAYOUTS, INTRO_FEATURES
from events.calendar.models.site_roots import SiteRootsOnceMixin
from events.calendar.models.translated_pages import ReadsSourceLogisticsMixin, SourcePageManager
from events.calendar.models.view_restrictions import RestrictionsOnceMixin
from events.core.models.page_fields import ShareImageMixin, colour_field, hashtag_field, logo_field
from events.core.models.reader_language import ReaderLanguageUrlMixin
from events.core.services import fragments, restrictions


class CampaignPage(
    RestrictionsOnceMixin,
    SiteRootsOnceMixin,
    ReadsSourceLogisticsMixin,
    ReaderLanguageUrlMixin,
    RoutablePageMixin,
    ShareImageMixin,
    CalendarIdentity,
    Page,
):
    """An awareness campaign: its programme, stories and volunteering in one place.

    In calendars it appears as an all-day umbrella entry spanning its date range. Its
    branding colours its share cards and those of its events and stories; ``toolkit/``
    lists ready-to-post cards.
    """

    translated_text_fields = ("theme", "intro", "body")
    objects = SourcePageManager()

    theme = models.CharField(max_length=160, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    body = StreamField(EventBodyBlock(), blank=True)
    story_tag = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("Also list published stories tagged with this word."),
    )
    primary_colour = colour_field("primary colour")
    accent_colour = colour_field("accent colour")
    logo = logo_field()
    hashtag = hashtag_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [InlinePanel("chosen_stories", label=_("Story")), FieldPanel("story_tag")],
            heading=_("Stories"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
                FieldPanel("logo"),
                FieldPanel("hashtag"),
            ],
            heading=_("Branding"),
            help_text=_("Empty fields use the site's share card branding (Settings)."),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]
    search_fields = [*Page.search_fields, index.SearchField("theme"), index.SearchField("intro")]
    api_fields = ["theme", "intro", "start_date", "end_date"]  # for /api/v2/pages/
    share_card_layouts = ALL_CARD_LAYOUTS

    parent_page_types = ["events.EventIndexPage", "home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("campaign page")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The campaign cannot end before it starts."})

    def get_feed_url(self, request=None):
        return reverse("events:campaign_feed", kwargs={"slug": self.slug})

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    def get_stories(self, restricted_paths=None):
        """Chosen stories first (in the editor's order), then live stories with the tag
        (``restricted_paths``: the view restrictions' paths, when read already).

        Each in its own class but with only the ``Page`` row (the list shows a title and
        an address): the chosen ones from the rows their links bring, the tagged ones of
        every kind in one query."""
        if restricted_paths is None:
            restricted_paths = restrictions.restricted_paths()
        chosen = [
            link.page.specific_deferred
            for link in self.chosen_stories.select_related("page")
            if link.page is not None
            and link.page.live
            # The campaign page is public: a private story's title and address stay off it.
            and not restrictions.is_restricted_path(link.page.path, restricted_paths)
        ]
        seen = {page.pk for page in chosen}
        tagged = []
        if self.story_tag:
            # Stories and advocacy articles live in the home app, which events must not
            # import; look them up by name, and show nothing if that app is not there.
            match = Q()
            for model_name in ("StoryPage", "ArticlePage"):
                try:
                    model = apps.get_model("home", model_name)
                except LookupError:
                    continue
                match |= Q(**{f"{model._meta.model_name}__tags__name__iexact": self.story_tag})
            if match:
                tagged = list(
                    Page.objects.live()
                    .filter(restrictions.outside(restricted_paths))
                    .filter(match)
                    .exclude(pk__in=seen)
                    .distinct()
                    .order_by("-first_published_at")
                    .specific(defer=True)[:12]
                )
        return chosen + tagged

    def get_open_volunteer_shifts(self, request=None, restricted_paths=None):
        """Shifts of this campaign's events that people can still sign up for."""
        return handover.routes.open_volunteer_shifts(self, request, restricted_paths)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One read of the view restrictions for the programme, stories and shifts.
        paths = restrictions.restricted_paths()
        context["feed_url"] = self.get_feed_url(request)
        context["programme_and_stories"] = self._programme_and_stories(
            request, paths, context["feed_url"]
        )
        context["shift_section"] = handover.routes.campaign_shift_section(self, request, paths)
        context["toolkit_url"] = self.toolkit_url(request)
        return context

    def _programme_and_stories(self, request, paths, feed_url):
        """The programme and the stories, kept rendered per campaign, day and editorial
        stamp: they come from pages, their occurrences and the view restrictions, and the
        clock only decides whether day headings need the year. (Shifts fill and open
        with the clock: they are not in here.) A preview shows the draft's own dates."""

        def render():
            context = {
                "request": request,
                "page": self,
                "feed_url": feed_url,
                "programme": handover.routes.campaign_programme(self, request, paths),
                "stories": self.get_stories(paths),
            }
            return render_to_string("events/includes/campaign_programme.html", context)

        values = (request.path, self.pk, self.start_date, self.end_date, timezone.localdate())
        return fragments.kept_for_request(
            "campaign-programme", request, (*values, feed_url), render
        )

    def toolkit_url(self, request=None):
        return (self.get_url(request) or "") + self.reverse_subpage("toolkit_view")

    def share_card_content(self, layout):
        return handover.routes.share_card_content(self, layout)

    @path("toolkit/")
    def toolkit_view(self, request):
        return handover.routes.campaign_toolkit(request, self)

    @path("volunteer/")
    def shifts_view(self, request):
        return handover.routes.campaign_shifts(request, self)


class CampaignStory(Orderable):
    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="chosen_stories")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", null=True
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("chosen story")
