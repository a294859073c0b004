"""Pages whose view restrictions are answered from the request's one read of the
restricted paths (``events.core.services.restrictions``).

Wagtail's serve hook, the head's social tags and the share card each ask a page for its
restrictions (two queries each time). A page no restricted path covers has none, so it
costs no query; a restricted page (or an alias) is asked as Wagtail asks. Home's pages
use the same mixin, so there is one mechanism for both apps.
"""

from events.core.services import restrictions


class RestrictionsOnceMixin:
    """Listed before ``Page``."""

    def get_view_restrictions(self):
        return restrictions.view_restrictions(self, super().get_view_restrictions)
