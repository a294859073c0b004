from django import template
from wagtail.models import Site

from events.core.models import reading_source_language

register = template.Library()


@register.inclusion_tag("components/site_nav.html", takes_context=True)
def site_nav(context):
    """Top-level pages that editors marked "show in menus", under the current site's root."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    pages = []
    if site:
        # Title and URL are on the base Page row: no `.specific()` (a query per page type).
        root = site.root_page
        if not reading_source_language():
            # The home page in the reader's language (Wagtail falls back to the source's).
            root = root.localized
        pages = root.get_children().live().public().in_menu()
    return {"page": context.get("page"), "site_nav_pages": pages}
