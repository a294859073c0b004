"""An event's language is a BCP 47 tag: converted from old text, named for the reader,
filtered on (?language=), and written as the code in JSON-LD, iCal and the API."""

import importlib
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from icalendar import Calendar

from events.calendar.models import languages
from events.calendar.models.event_page_form import EventPageForm
from events.calendar.services import listing
from events.models import EventPage
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

language_migration = importlib.import_module("events.migrations.0024_event_language_code")


def card_titles(response):
    html = response.content.decode()
    return sorted(re.findall(r'class="event-card__title"><a href="[^"]*">([^<]*)</a>', html))


# The conversion and the names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("English", ("en", "")),
        ("english", ("en", "")),
        ("Spanish", ("es", "")),
        ("Español", ("es", "")),
        ("ESPAÑOL", ("es", "")),
        ("Welsh", ("cy", "")),
        ("Cymraeg", ("cy", "")),
        ("Polish", ("pl", "")),
        ("polski", ("pl", "")),
        ("British Sign Language", ("bfi", "")),
        ("BSL", ("bfi", "")),
        ("ASL", ("ase", "")),
        ("English, with live captions", ("en", "with live captions")),
        ("Spanish (with English handouts)", ("es", "with English handouts")),
        ("en", ("en", "")),
        ("en-gb", ("en-GB", "")),
        ("es-mx", ("es-MX", "")),
        ("zh-hans", ("zh-Hans", "")),
        ("bfi", ("bfi", "")),
        ("", ("en", "")),
        ("Klingon mostly", ("en", "Klingon mostly")),
        ("Englishness", ("en", "Englishness")),
    ],
)
def test_old_text_becomes_a_tag_and_a_note(text, expected):
    assert languages.from_text(text) == expected


@pytest.mark.parametrize("tag", ["en", "es", "es-MX", "en-GB", "cy", "bfi", "ase", "es-419"])
def test_known_tags(tag):
    assert languages.is_known(tag)


@pytest.mark.parametrize("tag", ["", "English", "xx", "and", "e", "en-", "en--gb", "es_MX!"])
def test_unknown_or_malformed_tags(tag):
    assert not languages.is_known(tag)


def test_names_are_in_the_reader_language():
    with translation.override("en"):
        assert languages.language_name("en") == "English"
        assert languages.language_name("es-MX") == "Mexican Spanish"
        assert languages.language_name("en-US") == "English"
        assert languages.language_name("bfi") == "British Sign Language"
        assert languages.language_name("English, with live captions") == "English"
    with translation.override("es"):
        assert languages.language_name("en").casefold() == "inglés"
        assert languages.language_name("cy").casefold() == "galés"


def test_the_admin_choices_hold_django_languages_and_sign_languages():
    with translation.override("en"):
        choices = dict(languages.language_choices())
    assert choices["en"] == "English"
    assert choices["en-GB"] == "British English"
    assert choices["bfi"] == "British Sign Language"
    assert choices["ase"] == "American Sign Language"
    assert "pl" in choices and "cy" in choices


# The model, the admin form, the migration ------------------------------------------------


@pytest.mark.django_db
def test_a_new_event_is_in_english_by_default():
    event = factories.event()

    assert event.language == "en"
    assert event.language_notes == ""


@pytest.mark.django_db
def test_publishing_an_old_revision_stores_the_tag_and_the_note():
    event = factories.event()
    # An old revision's content as Wagtail hands it back: the language as free text.
    draft = event.get_latest_revision_as_object()
    draft.language = "English, with live captions"
    draft.save_revision().publish()

    event.refresh_from_db()
    assert event.language == "en"
    assert event.language_notes == "with live captions"


@pytest.mark.django_db
def test_the_admin_form_offers_a_list_and_reads_an_old_draft():
    event = factories.event()
    event.language = "Cymraeg"  # as an old revision has it
    form_class = EventPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, EventPageForm)

    form = form_class(instance=event, for_user=None)

    assert form.initial["language"] == "cy"
    html = str(form["language"])
    assert '<option value="cy" selected>Welsh</option>' in html
    assert '<option value="bfi">British Sign Language</option>' in html


@pytest.mark.django_db
def test_the_admin_form_keeps_a_tag_that_is_not_in_the_list():
    event = factories.event(language="es-419")
    form_class = EventPage.get_edit_handler().get_form_class()

    form = form_class(instance=event, for_user=None)

    assert '<option value="es-419" selected>' in str(form["language"])


@pytest.mark.django_db
def test_an_editor_posting_an_old_name_gets_the_tag(client):
    from django.contrib.auth import get_user_model

    from tests.events.calendar.helpers import add_url, form

    user = get_user_model().objects.create_superuser("editor", "", "pw-123456789")
    client.force_login(user)
    index = factories.site_with_index()

    response = client.post(add_url(index), form(language="Polski"))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert EventPage.objects.get(slug="tuesday-circle").language == "pl"


@pytest.mark.django_db
def test_the_migration_converts_free_text_and_back():
    events = {
        "english": factories.event(title="A"),
        "captions": factories.event(title="B"),
        "spanish": factories.event(title="C"),
        "welsh": factories.event(title="D"),
        "unknown": factories.event(title="E"),
    }
    old = {
        "english": "English",
        "captions": "English, with live captions",
        "spanish": "Español",
        "welsh": "cymraeg",
        "unknown": "Whatever we speak",
    }
    for key, text in old.items():  # as the rows were before 0023 (no save, no checks)
        EventPage.objects.filter(pk=events[key].pk).update(language=text, language_notes="")
    state = MigrationExecutor(connection).loader.project_state(
        ("events", "0024_event_language_code")
    )

    language_migration.to_tags(state.apps, None)

    rows = {
        key: EventPage.objects.values_list("language", "language_notes").get(pk=event.pk)
        for key, event in events.items()
    }
    assert rows == {
        "english": ("en", ""),
        "captions": ("en", "with live captions"),
        "spanish": ("es", ""),
        "welsh": ("cy", ""),
        "unknown": ("en", "Whatever we speak"),
    }

    language_migration.to_text(state.apps, None)

    back = dict(EventPage.objects.values_list("title", "language"))
    assert back["B"] == "English, with live captions"
    assert back["C"] == "Spanish"


def test_the_migration_follows_the_booking_language():
    assert language_migration.Migration.dependencies == [("events", "0023_booking_language")]


@pytest.mark.django_db
def test_reverting_to_an_old_revision_shows_its_language_in_the_list(client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    user = get_user_model().objects.create_superuser("editor", "", "pw-123456789")
    client.force_login(user)
    event = factories.event()
    revision = event.save_revision()
    revision.content["language"] = "English, with live captions"  # as stored before 0023
    revision.content.pop("language_notes", None)
    revision.save(update_fields=["content"])

    url = reverse("wagtailadmin_pages:revisions_revert", args=[event.pk, revision.pk])
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="en" selected>English</option>' in html
    assert 'value="with live captions"' in html


# Public pages ------------------------------------------------------------------------------


def _build_tongues():
    index = factories.site_with_index()
    group = factories.kind("Support group", "support-group")
    return {
        "index": index,
        "english": factories.event(index, title="Tea and talk", kind=group),
        "spanish": factories.event(
            index, title="Grupo de apoyo", kind=group, language="es", start_date=date(2027, 5, 5)
        ),
        "mexican": factories.event(
            index,
            title="Charla en línea",
            language="es-MX",
            attendance_mode="online",
            join_url="https://meet.example/charla",
            start_date=date(2027, 5, 6),
        ),
        "signed": factories.event(
            index,
            title="Signed story time",
            language="bfi",
            language_notes="with spoken English",
            start_date=date(2027, 5, 7),
        ),
    }


# Four published events, built once for the rest of the module (every test below reads
# them; the tests above run before they exist).
tongues_rows = module_rows(_build_tongues)


@pytest.fixture
def tongues(tongues_rows, db):
    return fresh(tongues_rows)


def test_the_event_page_names_the_language(client, tongues):
    html = client.get(tongues["signed"].url).content.decode()

    assert "<dt>Language</dt><dd>British Sign Language, with spoken English</dd>" in html
    html = client.get(tongues["english"].url).content.decode()
    assert "<dt>Language</dt><dd>English</dd>" in html


def test_a_spanish_reader_sees_the_name_in_spanish(client, tongues):
    # The address decides the language (/es/...).
    html = client.get("/es" + tongues["english"].url).content.decode()

    dd = re.search(r"<dd>([^<]*)</dd>\s*(?:<dt>|$)", html.split("<dt>Idioma</dt>")[-1])
    assert dd is not None and dd.group(1).casefold() == "inglés"


def test_jsonld_says_the_code(client, tongues):
    html = client.get(tongues["mexican"].url).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))

    assert data["inLanguage"] == "es-MX"


def test_the_list_filters_by_language(client, tongues):
    url = tongues["index"].url

    assert card_titles(client.get(url + "?language=es")) == ["Charla en línea", "Grupo de apoyo"]
    assert card_titles(client.get(url + "?language=es-MX")) == ["Charla en línea"]
    assert card_titles(client.get(url + "?language=ES")) == ["Charla en línea", "Grupo de apoyo"]
    assert card_titles(client.get(url + "?language=bfi")) == ["Signed story time"]
    assert card_titles(client.get(url + "?language=cy")) == []
    assert len(card_titles(client.get(url))) == 4


def test_the_filter_form_offers_the_languages_in_use(client, tongues):
    html = client.get(tongues["index"].url + "?language=es").content.decode()

    assert re.search(r'<label for="id_language"[^>]*>Language', html)
    assert '<option value="es" selected>Spanish</option>' in html
    assert '<option value="bfi">British Sign Language</option>' in html
    assert '<option value="en">English</option>' in html
    assert 'value="cy"' not in html
    html = client.get(tongues["index"].url + "?language=ES").content.decode()
    assert '<option value="es" selected>Spanish</option>' in html
    html = client.get(tongues["index"].url + "?language=cy").content.decode()
    assert '<option value="cy" selected>Welsh</option>' in html


def test_an_invalid_language_is_reported_not_fatal(client, tongues):
    for value in ("xx", "English", "<script>"):
        response = client.get(tongues["index"].url + "?language=" + value)

        assert response.status_code == 200
        assert "Some filters could not be used" in response.content.decode()


def test_the_month_view_filters_too(client, tongues):
    url = f"{tongues['index'].url}month/2027/5/"
    html = client.get(url + "?language=es").content.decode()

    assert "Grupo de apoyo" in html
    assert "Tea and talk" not in html
    assert client.get(url + "?language=zz").status_code == 200


def test_events_in_my_language(client, tongues):
    url = tongues["index"].url
    html = client.get("/es" + url + "?page=1").content.decode()
    link = re.search(r'<p class="my-language"><a href="([^"]*)">', html)
    assert link is not None and link.group(1) == "?language=es"

    html = client.get(url).content.decode()
    assert '<a href="?language=en">Show only events in my language (English)</a>' in html
    html = client.get(url + "?kind=support-group&language=en").content.decode()
    assert '<a href="?kind=support-group">Show events in every language</a>' in html


def test_the_site_feed_takes_the_filter_and_says_the_language(client, tongues):
    response = client.get("/calendar.ics?language=es")
    events = Calendar.from_ical(response.content).walk("VEVENT")

    assert sorted(str(event["SUMMARY"]) for event in events) == [
        "Charla en línea",
        "Grupo de apoyo",
    ]
    text = response.content.decode()
    assert "SUMMARY;LANGUAGE=es:Grupo de apoyo" in text
    assert "SUMMARY;LANGUAGE=es-MX:Charla en l" in text
    assert "DESCRIPTION;LANGUAGE=es-MX:" in text
    assert client.get("/calendar.ics?language=xx").status_code == 200


def test_every_feed_entry_says_its_language(client, tongues):
    calendar = Calendar.from_ical(client.get("/calendar.ics").content)
    by_title = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}

    assert by_title["Tea and talk"]["SUMMARY"].params["LANGUAGE"] == "en"
    assert by_title["Signed story time"]["DESCRIPTION"].params["LANGUAGE"] == "bfi"


def test_the_occurrences_api_takes_the_filter_and_gives_the_code(client, tongues):
    data = client.get("/api/v1/occurrences/?language=es").json()

    assert sorted((item["title"], item["language"]) for item in data["results"]) == [
        ("Charla en línea", "es-MX"),
        ("Grupo de apoyo", "es"),
    ]
    bad = client.get("/api/v1/occurrences/?language=xx")
    assert bad.status_code == 400
    assert bad.json()["fields"]["language"]


def test_the_language_choices_cost_nothing_until_drawn(django_assert_num_queries, tongues):
    filterset, _queryset = listing.apply_filters({"language": "es"})
    with django_assert_num_queries(0):
        assert filterset.form.is_valid()
        assert filterset.form.cleaned_data["language"] == "es"
    with django_assert_num_queries(1):
        str(filterset.form["language"])
