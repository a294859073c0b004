from django import template

from events.core.models import reading_source_language
from events.core.services import kept_site, restrictions
from home.services import routing

register = template.Library()


@register.inclusion_tag("components/site_nav.html", takes_context=True)
def site_nav(context):
    """Top-level pages that editors marked "show in menus", under the current site's root."""
    request = context.get("request")
    site = kept_site.find_for_request(request) if request else None
    pages = []
    if site:
        # Title and URL are on the base Page row: no `.specific()` (a query per page type).
        root = routing.reader_root(site)
        if root is None:
            root = site.root_page
            if not reading_source_language():
                # The home page in the reader's language (Wagtail falls back to the source's).
                root = root.localized
        pages = routing.menu_pages(root)
        if pages is None:
            pages = restrictions.public(root.get_children().live().in_menu())
        else:  # read with the page's route: only the restricted ones to drop
            pages = [page for page in pages if not restrictions.is_restricted_path(page.path)]
    return {"page": context.get("page"), "site_nav_pages": pages}
