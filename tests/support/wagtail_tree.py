"""Wagtail's base rows (locale, root page, root collection) come from its migrations.

A transactional test flushes every table afterwards, so browser tests, which need a live
server and therefore real transactions, put these rows back before loading their data.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page


def ensure_base_tree():
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
