"""A campaign's branding fields: those left empty come from the site's branding, and a
malformed colour is refused. Each test builds its own campaign, so they are kept apart
from test_share_cards_pages.py, whose campaign stays for the whole module."""

import pytest
from wagtail.models import Site

from events.models import BrandSettings
from events.sharing.services import branding
from tests.events import factories

pytestmark = pytest.mark.django_db


def site_branding():
    # After the page tree exists: building it replaces the default site.
    factories.site_with_index()
    return BrandSettings.for_site(Site.objects.get(is_default_site=True))


def test_campaign_fields_left_empty_fall_back_to_the_site_branding():
    site_settings = site_branding()
    site_settings.accent_colour = "#00aa88"
    site_settings.hashtag = "SiteTag"
    site_settings.save()
    campaign = factories.campaign(primary_colour="#123456")

    brand = branding.brand_for(campaign)

    assert (brand.primary, brand.accent, brand.hashtag) == ("#123456", "#00aa88", "SiteTag")


def test_a_malformed_colour_is_refused_by_the_form_validation():
    campaign = factories.campaign()
    campaign.primary_colour = "purple"
    with pytest.raises(Exception, match="six hex digits"):
        campaign.full_clean()
