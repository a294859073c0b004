"""Admin panels for what a translation takes from its source page.

A translated event's shift rows are copies (Wagtail and wagtail-localize copy a page's
children with it), but they are inert: seats, times and sign-ups come from the source
page (``translated_pages``, ``events.publishing``). Showing them as inputs on the
translation would have editors change rows nothing reads, so there the panel explains
where the real ones are edited instead.
"""

from django.urls import reverse
from wagtail.admin.panels import MultiFieldPanel
from wagtail.models import Locale

# The form fields the panel's inputs edit; a translation's form leaves them out.
SOURCE_OWNED_FORMSETS = ("shifts",)
SOURCE_OWNED_FIELDS = ("volunteers_may_overlap", "reminder_hours")


def is_translation(page):
    return page is not None and page.locale_id not in (None, Locale.get_default().pk)


class SourceOwnedPanel(MultiFieldPanel):
    """Its inputs on a source page; on a translation, a note linking to the source's."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.on_translation = is_translation(self.instance)
            if self.on_translation:
                self.template_name = "events/admin/source_owned_panel.html"

        @property
        def children(self):
            return [] if self.on_translation else super().children

        def is_shown(self):
            return True if self.on_translation else super().is_shown()

        def show_panel_furniture(self):
            return True if self.on_translation else super().show_panel_furniture()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            if self.on_translation:
                source = self.instance.get_translation_or_none(Locale.get_default())
                context["source"] = source
                if source is not None:
                    edit = reverse("wagtailadmin_pages:edit", args=[source.pk])
                    context["source_edit_url"] = edit
            return context
