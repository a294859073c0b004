from django import template
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.html import format_html

from events.core.models import reading_source_language
from events.core.services import kept_site
from home.services import translations

register = template.Library()


@register.filter
def bcp47(code):
    """Django's language code ("en-gb") written as BCP 47 prefers it ("en-GB")."""
    language, _, region = (code or "").partition("-")
    return f"{language}-{region.upper()}" if region and len(region) == 2 else code


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each site language (see ``translations.language_versions``)."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if getattr(request, "untranslated_page", None) is not None:
        page = request.untranslated_page
    return translations.language_versions(request, page if hasattr(page, "locale_id") else None)


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates: only the versions that really exist in their language.

    An untranslated page shown under another prefix is the source page, not a translation,
    so it is not offered as one (search engines would index the same text twice).
    """
    request = context.get("request")
    versions = language_versions(context)
    page = context.get("page")
    if request is None or not versions:
        return []
    links = []
    for version in versions:
        if hasattr(page, "locale_id") and not version["translated"]:
            continue
        links.append(
            {
                "hreflang": bcp47(version["code"]),
                "href": request.build_absolute_uri(version["url"]),
            }
        )
    default = next((v for v in versions if v["code"] == translations.default_language()), None)
    if links and default is not None:
        links.append({"hreflang": "x-default", "href": request.build_absolute_uri(default["url"])})
    return links if len(links) > 2 else []


@register.simple_tag(takes_context=True)
def content_lang(context, page):
    """` lang="en-GB"` on an element holding a page's own words (title, summary, body)
    when they are in the source language and the reader's is another; else nothing.

    The interface around them stays in the reader's language, so only the content is
    marked: a screen reader switches voice for it alone. One query per request at most.
    """
    if page is None or reading_source_language():
        return ""
    if not hasattr(page, "locale_id") or not translations.in_source_locale(page):
        return ""
    return format_html(' lang="{}"', bcp47(settings.LANGUAGE_CODE))


@register.simple_tag(takes_context=True)
def site_words(context):
    """The site settings in the reader's language (``home.models.worded_settings``), once
    per request."""
    from home.models import SiteSettings, worded_settings

    request = context.get("request")
    key = ("_site_words", translation.get_language())
    remembered = getattr(request, "_site_words", None)
    if remembered is not None and remembered[0] == key:
        return remembered[1]
    site = kept_site.find_for_request(request) if request is not None else None
    if site is None:
        return None  # no site yet (a bare database): the templates show nothing
    # for_request: the same row the templates' ``settings`` reads, once per request.
    words = worded_settings(SiteSettings.for_request(request))
    if request is not None:
        request._site_words = (key, words)
    return words


@register.filter
def in_reader_language(page):
    """The page's live translation in the active language when it has one (no query in
    the source language)."""
    if page is None or reading_source_language():
        return page
    return translations.live_translation(page) or page


@register.simple_tag(takes_context=True)
def trust_pages(context):
    """The privacy notice and accessibility statement from the site settings, each in the
    reader's language when translated (one query for both, none in the source language)."""
    site_settings = context.get("settings")
    if site_settings is None:
        return {}
    try:
        chosen = site_settings["home"]["SiteSettings"]
    except ObjectDoesNotExist:
        # No site answers this host (a bare tree): templates skip such lookups silently.
        return {}
    pages = [chosen.privacy_page, chosen.accessibility_page]
    if not reading_source_language():
        translated = translations.live_translations(pages)
        pages = [other or page for page, other in zip(pages, translated, strict=True)]
    return {"privacy": pages[0], "accessibility": pages[1]}
