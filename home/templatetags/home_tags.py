import re

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

from home.forms import CommentForm

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


@register.simple_tag(takes_context=True)
def comment_form(context, form):
    """The comment form's fields: a blank form reads the same for every reader (it carries
    no token), so it is drawn once per language and kept; one sent back with its errors
    is this reader's own and drawn afresh."""
    from django.template.loader import render_to_string
    from django.utils.functional import SimpleLazyObject

    from events.core.services import fragments

    if form is not None:
        return render_to_string("components/form_fields.html", {"form": form}, context.request)
    return fragments.render_kept(
        "comment-form", "components/form_fields.html", {"form": SimpleLazyObject(CommentForm)}, ()
    )


@register.simple_tag(takes_context=True)
def story_cards(context, stories, heading_level=3):
    """``<li>`` items of story cards, each kept rendered under a digest of what it shows:
    the cards' pictures, dates and labels are most of the story index's rendering, and the
    same card appears on the index, its filtered pages and the home page."""
    from django.utils.html import format_html_join

    from events.core.services import fragments

    request = context.get("request")
    pieces = []
    for story in stories:
        url = story.get_url(request)
        pieces.append(
            (
                {"story": story, "story_url": url, "heading_level": heading_level},
                (heading_level, *story_card_values(story), url),
            )
        )
    cards = fragments.render_each("story-card", "components/story_card.html", pieces)
    return format_html_join("", "<li>{}</li>", ((card,) for card in cards))


def story_card_values(story):
    """Everything templates/components/story_card.html shows of a story (the language and
    time zone are added by the fragment key). The picture: the image and what its
    renditions are cut from (file, focal point)."""
    image = story.image
    picture = image and (
        image.pk, image.file.name, image.file_hash, image.focal_point_x, image.focal_point_y,
        image.focal_point_width, image.focal_point_height,
    )  # fmt: skip
    categories = [category.name for category in story.categories.all()]
    return (
        story.pk, story.title, story.intro, story.first_published_at, story.kind_label,
        categories, story.approved_comments, picture,
    )  # fmt: skip
