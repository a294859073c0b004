"""``{% social_meta %}``: OpenGraph and Twitter meta tags for the page being shown."""

from django import template

from events.sharing.services import social

register = template.Library()


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Uses ``social`` from the context when the page computed it, else builds it; a
    sub-page (an event's meeting) passes its own address as ``page_url``."""
    meta = context.get("social")
    page, request = context.get("page"), context.get("request")
    if meta is None and page is not None and request is not None:
        meta = social.meta_for(request, page.specific, url=context.get("page_url", ""))
    return {"social": meta, "settings": context.get("settings")}
