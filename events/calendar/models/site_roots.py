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
        # Wagtail's own contract: a copy left on the request (or page) is used, and a new
        # one is left there (its redirect handlers read it from there).
        target = cache_object or kwargs.get("request") or self
        try:
            return target._wagtail_cached_site_root_paths
        except AttributeError:
            paths = request_memo.remember("site-root-paths", kept_site.root_paths)
            target._wagtail_cached_site_root_paths = paths
            return paths
