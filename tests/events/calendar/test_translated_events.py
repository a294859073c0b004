"""A translated event, campaign or events index shows its own words around its source's
dates, places, seats and meetings: one set of bookings, listed once, in every language.
The tests that make the translation themselves are in test_translating_events.py."""

import pytest

from events.models import Booking, EventPage, Shift
from tests.events.bookings.helpers.shift_signup import form_data
from tests.events.translations import translate, translated_fair
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


# The event with a shift and its Spanish translation (its parents too), built once for the
# module: each test reads its own copies and its writes are undone.
fair_rows = module_rows(translated_fair)


@pytest.fixture
def fair(fair_rows, db):
    rows = fresh(fair_rows)
    return rows["event"], rows["shift"], rows["spanish"]


def test_signing_up_through_the_translation_books_the_sources_seat(client, fair):
    _event, shift, spanish = fair

    response = client.post(f"{spanish.url}volunteer/{shift.pk}/", form_data())

    assert response.status_code == 302
    assert response["Location"].startswith(spanish.url)
    booking = Booking.objects.get()
    assert booking.bookable_id == shift.pk
    assert booking.language == "es"
    # The translation made no shifts of its own: one seat engine for both languages.
    assert Shift.objects.count() == 1


def test_the_source_changes_reach_the_translation_at_once(client, fair):
    event, _shift, spanish = fair

    event = EventPage.objects.get(pk=event.pk)
    event.cost = "£3"
    event.status_reason = ""
    event.start_time = event.start_time.replace(hour=11)
    event.save_revision().publish()

    body = client.get(spanish.url).content.decode()
    assert "11:30" in body and "18:30" not in body


def test_the_shown_page_is_never_saved_over_the_source(fair):
    event, _shift, spanish = fair

    shown = spanish.for_reader()

    assert shown.pk == event.pk and shown.title == "Feria de bienestar"
    with pytest.raises(TypeError):
        shown.save()
    assert EventPage.objects.get(pk=event.pk).title == event.title


def test_the_translated_index_lists_the_sources_events_once(client, fair):
    event, _shift, spanish = fair
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


def test_a_form_sent_to_the_english_slug_under_es_is_answered_not_redirected(client, fair):
    event, shift, spanish = fair

    page = client.get(f"/es{event.url}volunteer/{shift.pk}/")
    sent = client.post(f"/es{event.url}volunteer/{shift.pk}/", form_data())

    assert page.status_code == 302 and page["Location"].startswith(spanish.url)
    assert sent.status_code == 302 and Booking.objects.get().bookable_id == shift.pk


def test_spanish_lists_show_a_translated_events_words_and_address(client, fair):
    event, _shift, spanish = fair
    index_url = event.get_parent().url

    spanish_list = client.get("/es" + index_url, follow=True).content.decode()
    english_list = client.get(index_url).content.decode()

    assert "Feria de bienestar" in spanish_list and f'href="{spanish.url}"' in spanish_list
    assert event.title not in spanish_list
    assert event.title in english_list and "Feria de bienestar" not in english_list


def test_publishing_the_source_purges_its_translations_addresses(fair):
    from home.services import page_urls

    event, _shift, spanish = fair
    spanish_index = spanish.get_parent()

    urls = {target.url for target in page_urls.affected_urls(EventPage.objects.get(pk=event.pk))}

    assert spanish.get_full_url() in urls
    assert spanish_index.get_full_url() in urls
