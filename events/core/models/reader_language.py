from django.conf import settings
from django.utils import translation


def reader_language():
    """The language the reader reads in (from the address: /es/...) as one of the site's
    language codes; the site's language when none is active or it is not one of them."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return settings.LANGUAGE_CODE


def reading_source_language():
    """Whether the reader reads the site's source language (or no language is active, as
    in a task): the one check behind every "nothing to translate here" shortcut."""
    active = translation.get_language()
    return not active or active == settings.LANGUAGE_CODE


class ReaderLanguageUrlMixin:
    """A page with no translation keeps its reader in their language.

    Wagtail addresses a page in its own tree's language, so an English event linked from a
    Spanish page would drop the reader into the English interface (and their booking into
    English mail). While another language is active, source-language pages are addressed
    under that language's prefix (/es/...), where the site shows them with a Spanish
    interface, or redirects to their translation when one exists (``home.serving``).
    No query: the tree's language comes from Wagtail's cached site root paths.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        if reading_source_language():
            return parts
        roots = self._get_relevant_site_root_paths(request)
        if not roots or roots[0][3] != settings.LANGUAGE_CODE:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, f"/{translation.get_language()}{page_path}"
