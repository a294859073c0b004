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
    if meta is not None:
        return _kept_drawing(context, meta)
    if page is None or request is None:
        return _draw(context, meta)
    page = page.specific
    url = context.get("page_url", "")

    def draw():
        return _draw(context, social.meta_for(request, page, url=url))

    if getattr(page, "share_card_follows_clock", False):
        return draw()
    return fragments.kept_for_request("social-meta", request, (page.pk, url), draw)


def _kept_drawing(context, meta):
    """The tags of ``meta`` a page worked out itself (a story's, kept with its card), kept
    drawn under a digest of everything they show: the meta's every field and the site's
    name. Drawing them was a twentieth of a story page's time."""
    try:
        site_name = SITE_NAME.resolve(context)
    except template.VariableDoesNotExist:
        site_name = ""
    return fragments.kept("social-tags", (meta, site_name), lambda: _draw(context, meta))


# What components/social_meta.html shows besides the meta.
SITE_NAME = template.Variable("settings.home.SiteSettings.organisation_name")


def _draw(context, meta):
    return render_to_string(
        "components/social_meta.html", {"social": meta, "settings": context.get("settings")}
    )
