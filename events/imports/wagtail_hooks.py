"""Admin for imported calendars: the sources (a snippet), the review of their changes, and a
dashboard panel naming sources that fail or were switched off."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.imports import admin_urls
from events.imports.models import ImportSource
from events.imports.services import pulling, review


class ImportSourceViewSet(SnippetViewSet):
    model = ImportSource
    icon = "calendar"
    menu_label = _("Imported calendars")
    menu_name = "imported_calendars"
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        "name",
        "partner",
        "trusted",
        "last_success_at",
        "consecutive_failures",
        "disabled_at",
        "last_error",
    ]
    list_filter = ["trusted"]
    search_fields = ["name"]


register_snippet(ImportSourceViewSet)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Imported changes"), reverse("imports_admin:review"), icon_name="calendar", order=321
    )


@hooks.register("register_admin_urls")
def register_imports_admin_urls():
    return [path("tapestry/imports/", include(admin_urls, namespace="imports_admin"))]


class ImportsPanel(Component):
    """Dashboard: pending imported changes, and sources failing or switched off."""

    name = "calendar_imports"
    template_name = "events/imports/admin/panel.html"
    order = 160

    def get_context_data(self, parent_context):
        return {
            "pending": review.pending_count(),
            "failing": list(pulling.failing_sources()[:10]),
            "review_url": reverse("imports_admin:review"),
        }


@hooks.register("construct_homepage_panels")
def add_imports_panel(request, panels):
    if request.user.has_perm("events.view_importsource"):
        panels.append(ImportsPanel())
