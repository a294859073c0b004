"""A calendar feed read under /es/ names its entries in Spanish: a translated event's or
campaign's own words and address, and the feed's own words ("Online", "Campaign") in the
reader's language. The English feed is unchanged, and the dates are the source's."""

import icalendar
import pytest
from django.utils import translation

from events.calendar.services import feed_assembly, feed_selections
from events.models import FeedFragment
from tests.events import factories
from tests.events.translations import translate
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    # A strict parse (icalendar raises on malformed content lines).
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def categories(vevent):
    return [str(name) for name in vevent["CATEGORIES"].cats]


def _build_programme():
    campaign = factories.campaign(title="Mental Health Awareness Month 2027", slug="mham")
    event = factories.event(
        title="Online peer circle",
        slug="online-peer-circle",
        summary="Talk and listen.",
        attendance_mode="online",
        join_url="https://meet.example.org/circle",
        campaign=campaign,
    )
    return campaign, event


# Built once for the module (every test here reads it); each test's translations are undone.
programme_rows = module_rows(_build_programme)


@pytest.fixture
def programme(programme_rows, db):
    return fresh(programme_rows)


def test_the_spanish_feed_wears_the_translations_words_and_addresses(client, programme):
    campaign, event = programme
    translate(campaign, title="Mes de la salud mental 2027", slug="mes-salud-mental")
    spanish = translate(
        event,
        title="Círculo de apoyo en línea",
        slug="circulo-en-linea",
        summary="Habla y escucha.",
    )

    english = entries(client, "/calendar.ics")[event.ical_uid]
    read_in_spanish = entries(client, "/es/calendar.ics")[event.ical_uid]

    assert str(english["SUMMARY"]) == "Online peer circle"
    assert english["SUMMARY"].params["LANGUAGE"] == "en"
    assert categories(english)[1:] == ["Mental Health Awareness Month 2027", "Online"]
    assert "/es/" not in str(english["URL"])

    assert str(read_in_spanish["SUMMARY"]) == "Círculo de apoyo en línea"
    # The words are the translation's: their language is the translation's.
    assert read_in_spanish["SUMMARY"].params["LANGUAGE"] == "es"
    assert "Habla y escucha." in str(read_in_spanish["DESCRIPTION"])
    assert str(read_in_spanish["URL"]).endswith(spanish.url)
    assert categories(read_in_spanish)[1:] == ["Mes de la salud mental 2027", "En línea"]
    # Same meeting, same identity: the dates are the source's.
    assert read_in_spanish["DTSTART"].dt == english["DTSTART"].dt
    assert read_in_spanish["SEQUENCE"] == english["SEQUENCE"]


def test_an_untranslated_entry_keeps_its_words_under_the_spanish_interface(client, programme):
    campaign, event = programme

    read_in_spanish = entries(client, "/es/calendar.ics")

    entry = read_in_spanish[event.ical_uid]
    assert str(entry["SUMMARY"]) == "Online peer circle"
    assert entry["SUMMARY"].params["LANGUAGE"] == "en"
    assert categories(entry)[-1] == "En línea"
    # Its link opens the page under the Spanish interface.
    assert "/es/" in str(entry["URL"])
    assert categories(read_in_spanish[campaign.ical_uid]) == ["Campaña"]
    assert categories(entries(client, "/calendar.ics")[campaign.ical_uid]) == ["Campaign"]


def test_publishing_a_translation_reaches_the_cached_spanish_feed_at_once(client, programme):
    _campaign, event = programme
    before = entries(client, "/es/calendar.ics")[event.ical_uid]  # now cached
    english_before = client.get("/calendar.ics").content

    translate(event, title="Círculo de apoyo en línea", slug="circulo-en-linea")

    after = entries(client, "/es/calendar.ics")[event.ical_uid]
    assert str(before["SUMMARY"]) == "Online peer circle"
    assert str(after["SUMMARY"]) == "Círculo de apoyo en línea"
    # Clients re-read an entry whose bytes changed.
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt
    english_after = entries(client, "/calendar.ics")[event.ical_uid]
    assert str(english_after["SUMMARY"]) == "Online peer circle"
    assert b"Online peer circle" in english_before


def test_unpublishing_a_translation_takes_its_words_out_of_the_spanish_feed(client, programme):
    _campaign, event = programme
    spanish = translate(event, title="Círculo de apoyo en línea", slug="circulo-en-linea")
    assert str(entries(client, "/es/calendar.ics")[event.ical_uid]["SUMMARY"]).startswith("Círculo")

    spanish.unpublish()

    entry = entries(client, "/es/calendar.ics")[event.ical_uid]
    assert str(entry["SUMMARY"]) == "Online peer circle"
    assert FeedFragment.objects.filter(page_id=event.pk).exists()


def test_stored_fragments_give_the_same_spanish_feed_as_rendering_now(programme):
    campaign, event = programme
    translate(campaign, title="Mes de la salud mental 2027", slug="mes-salud-mental")
    translate(event, title="Círculo de apoyo en línea", slug="circulo-en-linea")

    with translation.override("es"):
        selection = feed_selections.site_selection()
        assert feed_assembly.assemble(selection) == feed_assembly.build_full(selection)
    with translation.override("en-gb"):
        selection = feed_selections.site_selection()
        assert feed_assembly.assemble(selection) == feed_assembly.build_full(selection)


def test_the_english_entry_is_stored_in_english_whatever_language_publishes(programme):
    _campaign, event = programme

    with translation.override("es"):
        factories.republish(event, summary="Talk, listen, rest.")

    fragment = FeedFragment.objects.get(page_id=event.pk)
    assert "CATEGORIES:" in fragment.ical and ",Online" in fragment.ical
    assert "En línea" not in fragment.ical
