"""Wagtail's read-only pages API (/api/v2/pages/): live, public pages with their api_fields.

Each page model lists what it shows in ``api_fields``; Wagtail lists only live pages
without a view restriction, so nothing private can be asked for by name.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from events.opendata.views.open_headers import allow_any_origin, open_and_cacheable


class OpenPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint with what /api/v1/occurrences/ also gives: readable from any
    site (CORS), an ETag with 304 for a client that has the bytes, and public caching."""

    def get_queryset(self):
        # Each item's meta names its locale: fetched with the pages, not once per item.
        return super().get_queryset().select_related("locale")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            return open_and_cacheable(request._request, response)
        return allow_any_origin(response)


# Included inside events/urls.py, so its URL names live in the "events" namespace.
api_router = WagtailAPIRouter("events:wagtailapi")
api_router.register_endpoint("pages", OpenPagesAPIViewSet)
