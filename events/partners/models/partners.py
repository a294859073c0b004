"""The partner snippet: an organisation in the campaign's coalition."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Partner(index.Indexed, ClusterableModel):
    """A local charity, library, council team... that organises or co-hosts events.

    The contact is for the campaign team only; the public sees the name, logo, website and
    description.
    """

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Used in the partner's page address and filters.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its description is read out as the alt text: give the organisation's name."),
    )
    website = models.URLField(blank=True)
    description = models.TextField(
        max_length=500, blank=True, help_text=_("A few sentences about who they are.")
    )
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(
        blank=True, help_text=_("For the campaign team only; never shown on the site.")
    )
    trusted_campaigns = ParentalManyToManyField(
        "events.CampaignPage",
        blank=True,
        related_name="trusted_partners",
        help_text=_(
            "Events this partner submits or imports for these campaigns publish without "
            "review. A change of time, place or status made through the submission link still "
            "goes back to review; changes in its imported calendar apply directly."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Contact (private)"),
        ),
        FieldPanel("trusted_campaigns"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name_plural = _("partners")
        ordering = ["name"]
        verbose_name = _("partner")

    def __str__(self):
        return self.name

    def is_trusted_for(self, campaign):
        """Whether this partner's events for ``campaign`` may publish without review."""
        if campaign is None:
            return False
        return self.trusted_campaigns.filter(pk=campaign.pk).exists()
