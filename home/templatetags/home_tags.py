import re

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

register = template.Library()

IFRAME_OPEN = re.compile(r"<iframe\b(?![^>]*\bloading=)", re.IGNORECASE)


@register.filter
def tel_href(number):
    """A phone number as a tel: target: digits, with a leading plus kept."""
    number = str(number or "").strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"+{digits}" if number.startswith("+") else digits


@register.filter
def lazy_frames(html):
    """Embed HTML (trusted: it came from a configured oEmbed provider) with lazy frames."""
    return mark_safe(IFRAME_OPEN.sub('<iframe loading="lazy"', html or ""))  # noqa: S308


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
        return "No thoughts yet"
    return f"{count} thought" if count == 1 else f"{count} thoughts"
