"""The volunteering page: every open shift, across events and campaigns."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from events.calendar import handover
from events.calendar.models.choices import INTRO_FEATURES
from events.calendar.models.site_roots import SiteRootsOnceMixin
from events.calendar.models.translated_pages import ReadsSourceLogisticsMixin
from events.calendar.models.view_restrictions import RestrictionsOnceMixin
from events.core.models.reader_language import ReaderLanguageUrlMixin

VOLUNTEER_PROMISE = (
    "<p>No account needed: give your name and email address, and we send you a link to "
    "confirm. You can cancel with one click from any of our emails.</p>"
)
VOLUNTEER_NEXT_STEPS = (
    "<ol><li>Choose a shift and fill in the short form.</li>"
    "<li>Confirm with the link we email you.</li>"
    "<li>We remind you the day before and tell you where to go and who to ask for.</li></ol>"
)


class VolunteeringPage(
    RestrictionsOnceMixin,
    SiteRootsOnceMixin,
    ReadsSourceLogisticsMixin,
    ReaderLanguageUrlMixin,
    Page,
):
    """Every open volunteer shift, across events and campaigns, with filters."""

    translated_text_fields = ("intro", "promise", "next_steps")

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    promise = RichTextField(
        features=INTRO_FEATURES,
        default=VOLUNTEER_PROMISE,
        help_text=_("What people do not need (an account) and how they can cancel."),
    )
    next_steps = RichTextField(
        features=INTRO_FEATURES,
        default=VOLUNTEER_NEXT_STEPS,
        help_text=_("What happens after someone signs up."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("promise"),
        FieldPanel("next_steps"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "wagtailcore.Page"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("volunteering page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, shift_list = handover.routes.volunteering(request)
        context["filter_form"] = form
        context["is_filtered"] = form.is_filtered()
        context["shift_list"] = shift_list
        return context
