"""Pages that read Wagtail's site root paths once per request.

Wagtail computes a page's address from the site root paths, kept in the shared cache, and
keeps a copy on the request it is given or, without one, on the page instance: a listing
of twenty events read the cache twenty times. Inside a request these pages share the
request's one copy (``events.core.services.request_memo``); outside one (tasks, commands)
Wagtail's own behaviour is unchanged.
"""

from events.core.services import request_memo


class SiteRootsOnceMixin:
    """Listed before ``Page``."""

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        return request_memo.remember(
            "site-root-paths",
            lambda: super(SiteRootsOnceMixin, self)._get_site_root_paths(cache_object, **kwargs),
        )
