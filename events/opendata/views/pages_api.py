"""Wagtail's read-only pages API (/api/v2/pages/): live, public pages with their api_fields.

Each page model lists what it shows in ``api_fields``; Wagtail lists only live pages
without a view restriction, so nothing private can be asked for by name.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

# Included inside events/urls.py, so its URL names live in the "events" namespace.
api_router = WagtailAPIRouter("events:wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
