"""Spanish translations of pages, made the way Wagtail's "Translate" makes them."""

from wagtail.models import Locale


def translate(page, **text):
    """The page in Spanish (its parents too), with ``text`` set, published."""
    spanish = Locale.objects.get(language_code="es")
    copy = page.copy_for_translation(spanish, copy_parents=True)
    for name, value in text.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific
