"""The <head> of every page: its title, description and structured data."""

from django import template

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
