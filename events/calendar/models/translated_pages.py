"""A translated calendar page shows its own words around its source's logistics.

Dates, places, seats, shifts, registrations and occurrences belong to the page in the
source language: bookings point at it, feeds and listings are made from it, and a
translation never makes any of its own (``events.publishing``). So a translation (an
event, a campaign, the events index, the volunteering page) is served as its source page
wearing the translation's text and address: whatever the editor changes in the source is
right in every language at once, and a sign-up through the Spanish page books the same
seat as one through the English page.
"""

import copy

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, PageManager
from wagtail.query import PageQuerySet

from events.core.models.reader_language import reading_source_language

# Text a translation supplies; every other value comes from the source page.
PAGE_TEXT = ("title", "draft_title", "seo_title", "search_description")


class ReadsSourceLogisticsMixin:
    #: The model's own translatable fields (Wagtail's page text is added to them).
    translated_text_fields = ()

    def for_reader(self):
        """The page to show: ``self`` in the source language, else the source page with
        this translation's text and address (never saved: it is a view, not a row)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        source = self.get_translation_or_none(default)
        if source is None:
            return self
        return wearing(source.specific, self)

    def serve(self, request, *args, **kwargs):
        # A page reached in the source language is a source page (Wagtail routes through
        # that language's tree): no lookup on the way.
        shown = self if reading_source_language() else self.for_reader()
        if shown is self:
            return super().serve(request, *args, **kwargs)
        if args and hasattr(args[0], "__func__"):
            # A routable sub-page's view, bound to the page it was resolved on.
            args = (args[0].__func__.__get__(shown, type(shown)), *args[1:])
        return super(ReadsSourceLogisticsMixin, shown).serve(request, *args, **kwargs)


def wearing(source, translated):
    """``source`` (specific) with ``translated``'s words and address; never saved."""
    shown = copy.copy(source)
    for name in (*PAGE_TEXT, *translated.translated_text_fields):
        setattr(shown, name, getattr(translated, name))
    # The translation's address (and so its sub-pages: register/, volunteer/...).
    shown.url_path = translated.url_path
    shown.locale_id, shown.slug = translated.locale_id, translated.slug
    shown.translation = translated
    shown.save = _refuse_to_save
    return shown


def in_reader_language(pages):
    """``pages`` (source-language, specific) as the reader in the active language sees
    them: each with a live translation in that language wears it. One query, none in the
    source language."""
    pages = list(pages)
    if not pages or reading_source_language():
        return pages
    model = type(pages[0])
    keys = {page.translation_key for page in pages}
    found = {
        other.translation_key: other
        for other in model.objects.live().filter(
            translation_key__in=keys, locale__language_code=translation.get_language()
        )
    }
    return [
        wearing(page, found[page.translation_key]) if page.translation_key in found else page
        for page in pages
    ]


def _refuse_to_save(*args, **kwargs):
    raise TypeError("A translation shown with its source's logistics is not a row to save.")


class SourcePageQuerySet(PageQuerySet):
    def in_source_language(self):
        """Pages in the source language only: the ones with dates, seats and meetings of
        their own (a translation shares its source's)."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


SourcePageManager = PageManager.from_queryset(SourcePageQuerySet)
