"""``{% social_meta %}``: OpenGraph and Twitter meta tags for the page being shown."""

from django import template
from django.template.loader import render_to_string

from events.core.services import fragments
from events.sharing.services import social

register = template.Library()


@register.simple_tag(takes_context=True)
def social_meta(context):
    """Uses ``social`` from the context when the page computed it, else builds it; a
    sub-page (an event's meeting) passes its own address as ``page_url``.

    Built, the tags are kept under the editorial stamp per page and address: the title,
    description, address and card come from what editors write (its card is stored under
    a digest of its content). A page whose card shows the clock (an event's next meeting)
    says so with ``share_card_follows_clock`` and is drawn every time."""
    meta = context.get("social")
    page, request = context.get("page"), context.get("request")
    if meta is not None or page is None or request is None:
        return _draw(context, meta)
    page = page.specific
    url = context.get("page_url", "")

    def draw():
        return _draw(context, social.meta_for(request, page, url=url))

    if getattr(page, "share_card_follows_clock", False):
        return draw()
    return fragments.kept_for_request("social-meta", request, (page.pk, url), draw)


def _draw(context, meta):
    return render_to_string(
        "components/social_meta.html", {"social": meta, "settings": context.get("settings")}
    )
