import re

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

register = template.Library()

IFRAME_OPEN = re.compile(r"<iframe\b(?![^>]*\bloading=)", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b.*?</script\s*>|<script\b[^>]*/?>", re.IGNORECASE | re.DOTALL)


@register.filter
def tel_href(number):
    """A phone number as a tel: target: digits, with a leading plus kept."""
    number = str(number or "").strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"+{digits}" if number.startswith("+") else digits


@register.filter
def frames_only(html):
    """Embed HTML from a configured oEmbed provider, made to load nothing by itself.

    Scripts are dropped (some providers send one to "enhance" a quote; it would run
    even inside a closed <details>), and frames load lazily, so nothing is fetched from
    the other site until the reader opens the embed.
    """
    html = SCRIPT.sub("", html or "")
    return mark_safe(IFRAME_OPEN.sub('<iframe loading="lazy"', html))  # noqa: S308


@register.simple_tag
def media_embed(url):
    """The stored embed for ``url`` (fetched once, then kept in the database), or None."""
    if not url:
        return None
    try:
        return get_embed(url)
    except EmbedException:
        return None


@register.simple_tag
def story_feed_links():
    """The feed addresses a listing advertises in its <head>."""
    return {
        "rss": reverse("home:story_feed_rss"),
        "atom": reverse("home:story_feed_atom"),
    }


@register.filter
def thoughts_label(count):
    count = count or 0
    if count == 0:
        # Translators: "thoughts" are readers' comments on a story.
        return _("No thoughts yet")
    # Translators: "thoughts" are readers' comments on a story.
    return ngettext("%(count)s thought", "%(count)s thoughts", count) % {"count": count}


@register.simple_tag
def organisation_name():
    """The organisation's name (site settings), from a per-process cache: no query a page."""
    from campaign.organisation import organisation_name as name

    return name()


@register.simple_tag
def comment_list(comment_page):
    """One page of a story's approved comments, kept rendered under a digest of what it
    shows (a long thread's dates and paragraphs cost most of its page's rendering)."""
    from events.core.services import fragments

    return fragments.render_kept(
        "comments",
        "components/comment_list.html",
        {"comment_page": comment_page},
        comment_page.kept_values(),
    )
