from django import template
from django.utils.safestring import mark_safe

from events.core.models import reading_source_language
from events.core.services import fragments, kept_site, restrictions
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


def _kept_piece(context, name, template_name, values):
    """``template_name`` drawn with this page's context, kept per editorial stamp, host,
    language and ``values``: the header and footer show only what editors set (settings,
    the menu, the trust pages), and drawing them was a few milliseconds of every page."""
    request = context.get("request")
    if request is None:
        return mark_safe(_draw(context, template_name))  # noqa: S308 - drawn by a template
    return fragments.kept_for_request(name, request, values, lambda: _draw(context, template_name))


def _draw(context, template_name):
    template = context.template.engine.get_template(template_name)
    with context.push():
        return template.render(context).strip()


@register.simple_tag(takes_context=True)
def kept_header(context):
    """The site's name, words, menu and search form (the menu marks the page it is on)."""
    page = context.get("page")
    return _kept_piece(
        context,
        "site-header",
        "components/site_header.html",
        (getattr(page, "pk", None), getattr(page, "depth", None)),
    )


@register.simple_tag(takes_context=True)
def kept_footer(context):
    """The footer's words, contact address and trust pages: the same on every page."""
    return _kept_piece(context, "site-footer", "components/site_footer.html", ())
