"""Site search over stories, articles, events and campaigns.

Wagtail's database search backend uses PostgreSQL full text search on PostgreSQL and a
simpler match elsewhere. Only what every visitor may see is searchable: live pages without
view restrictions, and of events only the title and summary (never a private address or
join link, which the event page keeps for registered people).
"""

from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from events.calendar.models import CampaignPage, EventPage, VolunteeringPage
from events.core.services import restrictions
from home.models import ArticlePage, StoryPage

MAX_RESULTS = 50
KINDS = {
    StoryPage: _("Story"),
    ArticlePage: _("Article"),
    EventPage: _("Event"),
    CampaignPage: _("Campaign"),
    VolunteeringPage: _("Volunteering"),
}


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    kind: str
    snippet: str


def _snippet(page):
    text = (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
        or getattr(page, "theme", "")
    )
    return Truncator(strip_tags(str(text))).words(40)


def search(query, request=None, limit=MAX_RESULTS):
    """Results for ``query`` (an empty query finds nothing), best match first."""
    query = (query or "").strip()
    if not query:
        return []
    pages = Page.objects.live().type(*KINDS).search(query)
    restricted = restrictions.restricted_paths()
    shown_in = _languages_shown()
    results = []
    for page in pages:
        # A page under a view restriction (password, login) is for the people let in only.
        if restrictions.is_restricted(page, restricted):
            continue
        if not shown_in(page):
            continue
        page = page.specific
        kind = str(KINDS[type(page)])
        results.append(Result(page.title, page.get_url(request), kind, _snippet(page)))
        if len(results) >= limit:
            break
    return results


def _languages_shown():
    """Which results a reader in the active language sees: pages in their language, and in
    another language than the source, source pages not yet translated into it (shown as
    such on their page). A story and its translation are never listed twice."""
    default, active = Locale.get_default(), Locale.get_active()
    if active.pk == default.pk:
        return lambda page: page.locale_id == default.pk
    translated = set(
        Page.objects.live().filter(locale=active).values_list("translation_key", flat=True)
    )
    return lambda page: (
        page.locale_id == active.pk
        or (page.locale_id == default.pk and page.translation_key not in translated)
    )
