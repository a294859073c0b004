"""The language lives in the URL; translated pages, untranslated fallbacks, switcher,
hreflang and the report of translations older than their source."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.services import translations
from tests.home import shared_story
from tests.home.conftest import add_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
story, story_rows = shared_story.story, shared_story.story_rows


def spanish():
    return Locale.objects.get(language_code="es")


def translate(page, title, slug):
    """A Spanish version of ``page`` (and of its parents), published."""
    copy = page.copy_for_translation(spanish(), copy_parents=True)
    copy.title, copy.slug = title, slug
    copy.save_revision().publish()
    copy.refresh_from_db()
    for ancestor in copy.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return copy


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def alternates(response):
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', response.content.decode()
        )
    )


@pytest.mark.django_db
def test_the_address_decides_the_language_not_the_browser(client, story):
    english = client.get(story.url, HTTP_ACCEPT_LANGUAGE="es")
    assert english.status_code == 200
    assert html_lang(english) == "en-GB"
    assert english["Content-Language"] == "en-gb"
    # No negotiation, so the page cache may keep it: one address, one language.
    assert "accept-language" not in english.get("Vary", "").lower()

    spanish_page = client.get("/es" + story.url)
    assert spanish_page.status_code == 200
    assert html_lang(spanish_page) == "es"
    assert spanish_page["Content-Language"] == "es"
    assert "Saltar al contenido principal" in spanish_page.content.decode()


@pytest.mark.django_db
def test_an_untranslated_page_is_shown_in_english_and_says_so(client, story):
    response = client.get("/es" + story.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert story.title in body
    # The interface is Spanish; only the story's own words are marked English, so a
    # screen reader switches voice for them alone.
    assert '<main id="main-content" tabindex="-1">' in body
    assert re.search(
        r'<article class="wrap story" aria-labelledby="story-title" lang="en-GB">', body
    )
    assert 'class="notice notice--language"' in body
    # Not offered to search engines as a Spanish version.
    assert alternates(response) == {}


@pytest.mark.django_db
def test_english_page_has_no_fallback_notice(client, story):
    body = client.get(story.url).content.decode()
    assert "notice--language" not in body
    main = body.split('<main id="main-content"', 1)[1].split("</main>")[0]
    assert "lang=" not in main, "nothing marked as in another language"


@pytest.mark.django_db
def test_a_translated_page_is_served_in_spanish_with_alternates(client, home, story):
    translate(home, "Inicio", "inicio")
    copy = translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")
    assert copy.url.startswith("/es/")

    response = client.get(copy.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Encontrar a mi gente" in body
    assert "notice--language" not in body
    main = body.split('<main id="main-content"', 1)[1].split("</main>")[0]
    assert "lang=" not in main
    links = alternates(response)
    assert links["es"].endswith(copy.url)
    assert links["en-GB"].endswith(story.url)
    assert links["x-default"] == links["en-GB"]
    # The English page offers the same pair.
    assert alternates(client.get(story.url)) == links


@pytest.mark.django_db
def test_the_english_slug_under_the_spanish_prefix_leads_to_the_translation(client, home, story):
    translate(home, "Inicio", "inicio")
    copy = translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")
    response = client.get("/es" + story.url)
    assert response.status_code == 302
    assert response["Location"] == copy.url


@pytest.mark.django_db
def test_the_switcher_links_each_language_in_its_own_name(client, home, story):
    translate(home, "Inicio", "inicio")
    copy = translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")
    body = client.get(story.url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    assert f'href="{copy.url}" lang="es" hreflang="es">Español</a>' in switcher
    assert '<span aria-current="true" lang="en-GB">English</span>' in switcher
    # A page that is not a Wagtail page keeps its path under the other prefix.
    search = client.get(reverse("home:search")).content.decode()
    assert 'href="/es/search/"' in search


@pytest.mark.django_db
def test_unknown_spanish_address_is_a_404(client, story):
    assert client.get("/es/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_stale_translations_lists_a_translation_older_than_its_source(home, story):
    translate(home, "Inicio", "inicio")
    copy = translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")
    assert copy.pk not in {page.pk for page in translations.stale_translations()}

    story.title = "Finding my people, again"
    revision = story.save_revision()
    revision.publish()
    stale = list(translations.stale_translations())
    assert [page.pk for page in stale] == [copy.pk]
    assert stale[0].source_id == story.pk

    # Bringing the translation up to date takes it off the list (the control).
    copy.refresh_from_db()
    copy.save_revision().publish()
    assert copy.pk not in {page.pk for page in translations.stale_translations()}


@pytest.mark.django_db
def test_stale_translation_report_page(client, django_user_model, home, story):
    translate(home, "Inicio", "inicio")
    translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")
    story.save_revision().publish()
    admin = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(admin)
    response = client.get(reverse("stale_translations"))
    assert response.status_code == 200
    assert "Encontrar a mi gente" in response.content.decode()
    csv = client.get(reverse("stale_translations") + "?export=csv")
    assert csv.status_code == 200
    assert "Encontrar a mi gente" in b"".join(csv.streaming_content).decode()


@pytest.mark.django_db
def test_site_wording_gives_the_settings_words_in_spanish(client, site, story):
    from home.models import SiteSettings, SiteWording

    site_settings = SiteSettings.for_site(site)
    site_settings.tagline = "Support, all year round"
    site_settings.footer_text = "We are not an emergency service."
    site_settings.save()
    SiteWording.objects.create(locale=spanish(), tagline="Apoyo, todo el año")

    spanish_page = client.get("/es" + story.url).content.decode()
    english_page = client.get(story.url).content.decode()

    assert "Apoyo, todo el año" in spanish_page
    # A field left empty in the wording shows the settings' own words, never a blank.
    assert "We are not an emergency service." in spanish_page
    assert "Support, all year round" in english_page
    assert "Apoyo, todo el año" not in english_page


@pytest.mark.django_db
def test_search_lists_each_story_once_in_the_readers_language(client, home, story):
    translate(home, "Inicio", "inicio")
    copy = translate(story, "Encontrar a mi gente", "encontrar-a-mi-gente")
    other = add_story(story.get_parent().specific, "Walking together")

    english = client.get(reverse("home:search"), {"q": "people"}).content.decode()
    spanish = client.get("/es" + reverse("home:search"), {"q": "gente"}).content.decode()
    spanish_walk = client.get("/es" + reverse("home:search"), {"q": "walking"}).content.decode()

    assert story.url in english and copy.url not in english
    assert copy.url in spanish and 'href="' + story.url not in spanish
    # Not translated yet: found in Spanish too, at its Spanish address.
    assert "Walking together" in spanish_walk and other.title
