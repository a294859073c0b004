"""The <head> of every page: its title, description and structured data."""

import json

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.fields import RichTextField

from events.core.services import editorial_stamp, kept_site
from events.sharing.services import social
from home.services import translations

register = template.Library()

# Search results cut titles near here; past it the site name is dropped, not the page's.
TITLE_LIMIT = 70


@register.filter
def with_site_name(title, site_name):
    """ "Page · Site", or just the page's title when both will not fit."""
    title = " ".join(str(title).split())
    site_name = " ".join(str(site_name or "").split())
    if not title:
        return site_name
    if site_name and len(title) + len(site_name) + 3 <= TITLE_LIMIT:
        return f"{title} · {site_name}"
    if len(title) > TITLE_LIMIT:
        return title[: TITLE_LIMIT - 1].rstrip() + "…"
    return title


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's search description, else its summary or intro; pages that are not Wagtail
    pages (forms) describe the site as its home page does."""
    page = context.get("page")
    request = context.get("request")
    if page is not None and hasattr(page, "search_description"):
        text = _page_description(page, request)
        if text:
            return text
    site = kept_site.find_for_request(request) if request is not None else None
    if site is not None:
        # The home page's words, kept: every page without its own read its row each time.
        return editorial_stamp.kept_here(
            f"site-description:{site.pk}", lambda: _own_description(site.root_page.specific)
        )
    return ""


def _page_description(page, request):
    """``_own_description`` of a live page, kept under the editorial stamp (which every
    publish replaces): stripping the tags from a campaign's intro was a twentieth of its
    page's time. A preview's draft, or a page not yet saved, is described afresh."""
    if not page.pk or request is None or getattr(request, "is_preview", False):
        return _own_description(page.specific)
    return editorial_stamp.kept_here(
        f"page-description:{page.pk}", lambda: _own_description(page.specific), room="pages"
    )


def _own_description(page):
    """The first of the editor's description, summary or intro; tags are stripped only from
    rich text (a plain intro may mention "<about>" and means it)."""
    for name in ("search_description", "summary", "intro", "theme"):
        try:
            field = page._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = str(getattr(page, name) or "")
        if isinstance(field, RichTextField):
            value = strip_tags(value)
        value = " ".join(value.split())
        if value:
            return Truncator(value).chars(social.DESCRIPTION_LENGTH)
    return ""


def _json_for_script(data):
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@register.simple_tag(takes_context=True)
def article_jsonld(context):
    """A schema.org Article for a story or article page."""
    page, request = context["page"], context["request"]
    meta = social.meta_for(request, page, url=context.get("page_url", ""))
    if meta is None:
        return ""
    from home.models import SiteSettings

    organisation = SiteSettings.for_request(request).organisation_name
    publisher = {
        "@type": "Organization",
        "name": organisation,
        "url": request.build_absolute_uri("/"),
    }
    author = getattr(page, "author", None)
    author_name = author.name if author else getattr(page, "storyteller_name", "")
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": meta.description,
        "url": meta.url,
        "mainEntityOfPage": meta.url,
        "inLanguage": translations.locale_of(page).language_code,
        "publisher": publisher,
        "author": {"@type": "Person", "name": author_name} if author_name else publisher,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat(timespec="seconds")
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat(timespec="seconds")
    if meta.image:
        data["image"] = [meta.image.url]
    script = f'<script type="application/ld+json">{_json_for_script(data)}</script>'
    return mark_safe(script)  # noqa: S308 - JSON with <, > and & escaped
