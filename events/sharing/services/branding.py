"""Which campaign a page belongs to, and the branding its share cards use.

A campaign's own fields win; anything it leaves empty comes from the site's
``BrandSettings``; the renderer's house colours are the last fallback. Stories and
articles live in the home app, so they are looked at only through ``Page`` fields and the
campaign's own story links and tag (``events`` never imports ``home`` models).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from events.calendar.models import CampaignPage, CampaignStory, EventPage
from events.core.services import kept_site
from events.sharing.models import BrandSettings


@dataclass(frozen=True)
class Brand:
    name: str = ""
    primary: str = ""
    accent: str = ""
    hashtag: str = ""
    logo: object = None  # a Wagtail image, or None


def campaign_for(page):
    """The live campaign ``page`` belongs to, or None.

    A campaign is its own; an event names its campaign or sits under one; a story or
    article is chosen by a campaign or carries its story tag (the newest campaign wins).
    """
    if isinstance(page, CampaignPage):
        return page
    campaigns = CampaignPage.objects.live().in_source_language().order_by("-start_date", "-pk")
    if isinstance(page, EventPage):
        if page.campaign_id and EventPage.campaign.is_cached(page):
            # Read with the page (served pages are): the same rule as the query below.
            campaign = page.campaign
            in_source = campaign.locale.language_code == settings.LANGUAGE_CODE
            return campaign if campaign.live and in_source else None
        if page.campaign_id:
            return campaigns.filter(pk=page.campaign_id).first()
        return campaigns.ancestor_of(page).first()
    if page.pk is None:
        return None
    chosen = CampaignStory.objects.filter(page_id=page.pk).values("campaign_id")
    match = Q(pk__in=chosen)
    tags = getattr(page, "tags", None)
    names = list(tags.names()) if tags is not None else []
    if names:
        tag_match = Q()
        for name in names:
            tag_match |= Q(story_tag__iexact=name)
        match |= tag_match
    return campaigns.filter(match).first()


def site_brand(page):
    """The ``BrandSettings`` of the page's site (Wagtail's cached site paths name it), as
    kept under the editorial stamp: no query while no editor changes a setting."""
    parts = page.get_url_parts() if hasattr(page, "get_url_parts") else None
    site = kept_site.site_by_id(parts[0]) if parts is not None else None
    return BrandSettings.for_site(site) if site is not None else BrandSettings()


def brand_for(page, campaign=None, site=None):
    """The branding for ``page``'s cards: its campaign's, filled in from the site's
    (``site``: its ``site_brand``, when the caller has it already)."""
    campaign = campaign if campaign is not None else campaign_for(page)
    site = site if site is not None else site_brand(page)
    if campaign is None:
        return Brand(
            name=site.name,
            primary=site.primary_colour,
            accent=site.accent_colour,
            hashtag=site.hashtag,
            logo=site.logo,
        )
    return Brand(
        name=campaign.title,
        primary=campaign.primary_colour or site.primary_colour,
        accent=campaign.accent_colour or site.accent_colour,
        hashtag=campaign.hashtag or site.hashtag,
        logo=campaign.logo or site.logo,
    )


def hashtag_text(value):
    """``#Tag`` from whatever an editor typed (spaces dropped), or ""."""
    text = "".join((value or "").split())
    if text and not text.startswith("#"):
        text = "#" + text
    return text if text.strip("#") else ""
