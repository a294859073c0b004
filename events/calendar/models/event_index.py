"""The public calendar page: its listings are handed to ``events.routes``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.calendar import handover
from events.calendar.models.choices import INTRO_FEATURES
from events.calendar.models.site_roots import SiteRootsOnceMixin
from events.calendar.models.translated_pages import ReadsSourceLogisticsMixin
from events.calendar.models.view_restrictions import RestrictionsOnceMixin
from events.core.models.reader_language import ReaderLanguageUrlMixin


class EventIndexPage(
    RestrictionsOnceMixin,
    SiteRootsOnceMixin,
    ReadsSourceLogisticsMixin,
    ReaderLanguageUrlMixin,
    RoutablePageMixin,
    Page,
):
    """The public calendar: upcoming list (default), month grid and past archive."""

    translated_text_fields = ("intro",)

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    page_size = models.PositiveSmallIntegerField(
        default=30, help_text=_("How many events each page of the list shows.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("page_size")]

    parent_page_types = ["home.HomePage", "wagtailcore.Page"]
    subpage_types = ["events.CampaignPage", "events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event index page")

    @path("")
    def upcoming_view(self, request):
        return handover.routes.upcoming(request, self)

    @path("month/")
    @path("month/<id:year>/<id:month>/")
    def month_view(self, request, year=None, month=None):
        return handover.routes.month(request, self, year, month)

    @path("past/")
    def past_view(self, request):
        return handover.routes.past(request, self)
