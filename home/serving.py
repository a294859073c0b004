"""Wagtail's page URLs, served in the reader's language with a clear fallback.

A Spanish address whose page has no Spanish version yet shows the English page under the
Spanish interface, marked as such (``request.untranslated_page``), instead of a 404; a
Spanish address that names the English slug of a translated page redirects to the
translation.
"""

from django.shortcuts import redirect
from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views

from events.core.models import reading_source_language
from home.services import routing, translations


def serve(request, path):
    route = routing.route_for_request(request, path)
    if not reading_source_language():
        if route is None:
            found = translations.route_in_source_locale(request, path)
            if found is not None:
                (page, args, kwargs), rest = found
                translated = translations.live_translation(page)
                if translated is not None and request.method in ("GET", "HEAD"):
                    address = translated.get_url(request)
                    return redirect(address + "".join(f"{part}/" for part in rest))
                route = request._wagtail_route_for_request = (page, args, kwargs)
                if translated is not None:
                    # A form sent to the old address: answered here (a redirect would
                    # drop what was typed), by the same page the translation shows.
                    return wagtail_views.serve(request, path)
        # Wagtail falls back to the source tree itself when a whole branch (even the home
        # page) is untranslated: either way the reader is told.
        if route is not None and not translations.in_active_locale(route[0]):
            request.untranslated_page = route[0]
    return wagtail_views.serve(request, path)


# Wagtail's own patterns, with the catch-all page view replaced by the one above.
urlpatterns = [
    pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"
] + [re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve")]
