"""The campaign toolkit page: ready-to-post cards and suggested words, no scripts."""

from django.http import Http404
from django.template.response import TemplateResponse

from events.sharing.services import branding, social
from events.sharing.services import toolkit as toolkit_service


def toolkit(request, campaign):
    # A restricted campaign has nothing to promote in public.
    if social.is_private(campaign):
        raise Http404("No toolkit for this campaign.")
    context = {
        "page": campaign,
        "self": campaign,
        "hashtag": branding.hashtag_text(branding.brand_for(campaign, campaign).hashtag),
        "entries": toolkit_service.entries(request, campaign),
    }
    return TemplateResponse(request, "events/campaign_toolkit.html", context)
