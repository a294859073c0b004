"""Pages that read Wagtail's site root paths once per request, from this process's copy.

Wagtail computes a page's address from the site root paths, kept in the shared cache, and
keeps a copy on the request it is given or, without one, on the page instance: a listing
of twenty events read the cache twenty times. These pages take the copy each process keeps
under the editorial stamp (``events.core.services.kept_site.root_paths``), once per request
(``events.core.services.request_memo``).
"""

from events.core.services import kept_site, request_memo


class SiteRootsOnceMixin:
    """Listed before ``Page``."""

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        return request_memo.remember("site-root-paths", kept_site.root_paths)
