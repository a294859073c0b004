"""Translating an event, in code or in the admin, copies its words and nothing else: the
source's shifts and meetings stay the only ones. Each test makes its own translation; the
tests that read one already made are in test_translated_events.py."""

import pytest
from wagtail.models import Locale

from events.models import EventPage, Occurrence, Shift
from tests.events.bookings.helpers.shift_signup import event_with_shift
from tests.events.translations import translate

pytestmark = pytest.mark.django_db


def test_a_translated_event_shows_its_words_and_its_sources_shifts(client):
    event, shift = event_with_shift()
    spanish = translate(
        event,
        title="Feria de bienestar de primavera",
        slug="feria-de-bienestar",
        summary="Una mañana tranquila para todos.",
    )

    response = client.get(spanish.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert spanish.url.startswith("/es/")
    assert "Feria de bienestar de primavera" in body
    assert "Una mañana tranquila para todos." in body
    # The source's shift, with the source's places, at the translation's address.
    assert "Welcome desk" in body
    assert f"{spanish.url}volunteer/{shift.pk}/" in body
    assert "notice--language" not in body


def test_a_translation_is_never_listed_or_fed_twice(client):
    event, _shift = event_with_shift()
    before = Occurrence.objects.count()
    translate(event, title="Feria de bienestar", slug="feria-de-bienestar")

    assert Occurrence.objects.count() == before
    assert not Occurrence.objects.exclude(event=event).exists()
    english_list = client.get(event.get_parent().url).content.decode()
    assert english_list.count(event.title) == 1


def test_translating_an_event_in_the_admin_copies_no_seats(client, django_user_model):
    """wagtail-localize's "Translate this page" on an event with a shift: a Spanish page
    appears, and still one shift and one set of meetings exist."""
    from django.urls import reverse

    event, shift = event_with_shift()
    occurrences = Occurrence.objects.count()
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    spanish = Locale.objects.get(language_code="es")

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[event.pk]),
        {"locales": [spanish.pk]},
    )

    assert response.status_code == 302
    translated = EventPage.objects.get(locale=spanish, translation_key=event.translation_key)
    translated.save_revision().publish()
    assert Shift.objects.count() == 1
    assert Occurrence.objects.count() == occurrences
    page = client.get(translated.url)
    assert page.status_code == 200
    assert f"volunteer/{shift.pk}/" in page.content.decode()
