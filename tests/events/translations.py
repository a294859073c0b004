"""Spanish translations of pages, made the way Wagtail's "Translate" makes them."""

from wagtail.models import Locale

from tests.events.bookings.helpers.shift_signup import event_with_shift


def translate(page, **text):
    """The page in Spanish (its parents too), with ``text`` set, published."""
    spanish = Locale.objects.get(language_code="es")
    copy = page.copy_for_translation(spanish, copy_parents=True)
    for name, value in text.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


def translated_fair():
    """The default fair with its shift (``event_with_shift``) and its Spanish translation,
    as {"event", "shift", "spanish"}."""
    event, shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")
    return {"event": event, "shift": shift, "spanish": spanish}
