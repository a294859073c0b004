"""Pages whose view-restriction check costs no query on a site without restrictions."""


class RestrictionsOnceMixin:
    """Wagtail's ``get_view_restrictions``, answered from the request's one read of the
    restriction rows (``home.services.privacy``). Listed before ``Page``."""

    def get_view_restrictions(self):
        from home.services import privacy

        return privacy.view_restrictions(self, super().get_view_restrictions)
