"""The admin report of translations older than their source page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from home.services import translations


class StaleTranslationsView(PageReportView):
    page_title = _("Translations to update")
    header_icon = "site"
    index_url_name = "stale_translations"
    index_results_url_name = "stale_translations_results"
    results_template_name = "home/admin/stale_translations_results.html"
    export_headings = {
        **PageReportView.export_headings,
        "locale.get_display_name": _("Language"),
        "last_published_at": _("Translation published"),
        "source_published_at": _("Source published"),
    }
    list_export = [
        "title",
        "locale.get_display_name",
        "last_published_at",
        "source_published_at",
    ]

    def get_queryset(self):
        return translations.stale_translations().specific(defer=True)
