"""A translated event, campaign or events index shows its own words around its source's
dates, places, seats and meetings: one set of bookings, listed once, in every language."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from events.models import Booking, EventPage, Occurrence, Shift
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data
from tests.events.translations import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


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


def test_signing_up_through_the_translation_books_the_sources_seat(client):
    event, shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")

    response = client.post(f"{spanish.url}volunteer/{shift.pk}/", form_data())

    assert response.status_code == 302
    assert response["Location"].startswith(spanish.url)
    booking = Booking.objects.get()
    assert booking.bookable_id == shift.pk
    assert booking.language == "es"
    # The translation made no shifts of its own: one seat engine for both languages.
    assert Shift.objects.count() == 1


def test_a_translation_is_never_listed_or_fed_twice(client):
    event, _shift = event_with_shift()
    before = Occurrence.objects.count()
    translate(event, title="Feria de bienestar", slug="feria-de-bienestar")

    assert Occurrence.objects.count() == before
    assert not Occurrence.objects.exclude(event=event).exists()
    english_list = client.get(event.get_parent().url).content.decode()
    assert english_list.count(event.title) == 1


def test_the_source_changes_reach_the_translation_at_once(client):
    event, _shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")

    event = EventPage.objects.get(pk=event.pk)
    event.cost = "£3"
    event.status_reason = ""
    event.start_time = event.start_time.replace(hour=11)
    event.save_revision().publish()

    body = client.get(spanish.url).content.decode()
    assert "11:30" in body and "18:30" not in body


def test_the_shown_page_is_never_saved_over_the_source():
    event, _shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")

    shown = spanish.for_reader()

    assert shown.pk == event.pk and shown.title == "Feria de bienestar"
    with pytest.raises(TypeError):
        shown.save()
    assert EventPage.objects.get(pk=event.pk).title == event.title


def test_the_translated_index_lists_the_sources_events_once(client):
    event, _shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")
    spanish_index = spanish.get_parent().specific

    body = client.get(spanish_index.url).content.decode()

    assert spanish_index.url.startswith("/es/")
    # Once, in its Spanish words.
    assert body.count("Feria de bienestar") == 1 and event.title not in body
    # The index's own words stay the source's until someone translates them.
    assert '<html lang="es">' in body


def test_a_translated_campaign_shows_its_sources_programme(client):
    from tests.events import factories

    campaign = factories.campaign()
    factories.event(campaign, title="Walk and talk", slug="walk-and-talk")
    spanish = translate(campaign, title="Mes de la salud mental", slug="mes-salud-mental")

    body = client.get(spanish.url).content.decode()

    assert "Mes de la salud mental" in body
    assert "Walk and talk" in body


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


def test_a_form_sent_to_the_english_slug_under_es_is_answered_not_redirected(client):
    event, shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")

    page = client.get(f"/es{event.url}volunteer/{shift.pk}/")
    sent = client.post(f"/es{event.url}volunteer/{shift.pk}/", form_data())

    assert page.status_code == 302 and page["Location"].startswith(spanish.url)
    assert sent.status_code == 302 and Booking.objects.get().bookable_id == shift.pk


def test_spanish_lists_show_a_translated_events_words_and_address(client):
    event, _shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")
    index_url = event.get_parent().url

    spanish_list = client.get("/es" + index_url, follow=True).content.decode()
    english_list = client.get(index_url).content.decode()

    assert "Feria de bienestar" in spanish_list and f'href="{spanish.url}"' in spanish_list
    assert event.title not in spanish_list
    assert event.title in english_list and "Feria de bienestar" not in english_list


def test_publishing_the_source_purges_its_translations_addresses():
    from home.services import page_urls

    event, _shift = event_with_shift()
    spanish = translate(event, title="Feria de bienestar", slug="feria-de-bienestar")
    spanish_index = spanish.get_parent()

    urls = {target.url for target in page_urls.affected_urls(EventPage.objects.get(pk=event.pk))}

    assert spanish.get_full_url() in urls
    assert spanish_index.get_full_url() in urls
