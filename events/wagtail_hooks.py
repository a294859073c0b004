"""Wagtail finds the events app's admin hooks here. Each room keeps its own in
``<room>/wagtail_hooks.py``; importing them registers them. What belongs to no one room
(the admin stylesheet, the app's admin URLs) stays here."""

from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks

from events import admin_urls
from events.bookings import wagtail_hooks as bookings_hooks  # noqa: F401 (registers hooks)
from events.calendar import wagtail_hooks as calendar_hooks  # noqa: F401 (registers hooks)
from events.imports import wagtail_hooks as imports_hooks  # noqa: F401 (registers hooks)
from events.outbox import wagtail_hooks as outbox_hooks  # noqa: F401 (registers hooks)
from events.partners import wagtail_hooks as partners_hooks  # noqa: F401 (registers hooks)
from events.submissions import wagtail_hooks as submissions_hooks  # noqa: F401 (registers hooks)


@hooks.register("insert_global_admin_css")
def roster_admin_css():
    # Responsive roster tables, tidy attendance actions and the check-in page.
    return format_html('<link rel="stylesheet" href="{}">', static("events/admin.css"))


@hooks.register("register_admin_urls")
def register_events_admin_urls():
    return [path("tapestry/", include(admin_urls, namespace="events_admin"))]
