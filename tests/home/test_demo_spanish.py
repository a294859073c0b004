"""The demo's Spanish editorial pages: translations of the English ones, loaded idempotently."""

import re

import pytest
from wagtail.models import Locale, Page, Revision

from home import demo
from home.demo import spanish
from home.models import ArticlePage, ContentPage, HomePage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.slow(
    reason="loads the demo's site, stories and Spanish pages itself: the loader is what it "
    "tests (3-7 s a test)"
)


def load(messages=None):
    log = messages.append if messages is not None else (lambda message: None)
    demo.load_site(log)
    demo.load_stories(log)
    demo.load_trust_pages(log)
    demo.load_spanish_pages(log)


def in_spanish(model):
    return model.objects.filter(locale__language_code="es")


def in_english(model):
    return model.objects.filter(locale=Locale.get_default())


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def loaded(db):
    load()


@pytest.mark.django_db
def test_spanish_pages_are_live_translations_of_their_sources(loaded):
    english_story = in_english(StoryPage).get(slug=spanish.STORY_SOURCE)
    pairs = [
        (in_english(HomePage).get(), in_spanish(HomePage).get()),
        (in_english(StoryIndexPage).get(), in_spanish(StoryIndexPage).get()),
        (english_story, in_spanish(StoryPage).get()),
        (in_english(ArticlePage).get(), in_spanish(ArticlePage).get()),
        (
            in_english(ContentPage).get(slug="privacy"),
            in_spanish(ContentPage).get(slug="privacidad"),
        ),
        (
            in_english(ContentPage).get(slug="accessibility"),
            in_spanish(ContentPage).get(slug="accesibilidad"),
        ),
    ]
    for source, translation in pairs:
        assert translation.live, translation
        assert translation.translation_key == source.translation_key
        assert translation.locale.language_code == "es"
        assert translation.slug != source.slug
        assert translation.title != source.title
    home = in_spanish(HomePage).get()
    assert home.title == "Inicio"
    assert 'href="/es/volunteer/"' in home.intro
    assert home.hero_heading == spanish.HOME["hero_heading"]
    # The story keeps the copy's picture and categories.
    story = in_spanish(StoryPage).get()
    assert story.image_id == english_story.image_id
    assert {c.pk for c in story.categories.all()} == {c.pk for c in english_story.categories.all()}
    # The article's call to action leads to the Spanish home page.
    article = in_spanish(ArticlePage).get()
    actions = [b.value for b in article.body if b.block_type == "call_to_action"]
    assert [action["page"].pk for action in actions] == [home.pk]
    assert article.author_id == in_english(ArticlePage).get().author_id


@pytest.mark.django_db
def test_only_editorial_pages_are_translated_and_nothing_is_aliased(loaded):
    spanish_pages = Page.objects.filter(locale__language_code="es")
    assert spanish_pages.count() == 6
    assert not spanish_pages.filter(alias_of__isnull=False).exists()
    kinds = {page.specific_class for page in spanish_pages}
    assert kinds == {HomePage, StoryIndexPage, StoryPage, ArticlePage, ContentPage}
    # Each sits under its source's parent's translation.
    for page in spanish_pages.filter(depth__gt=2):
        parent = page.get_parent()
        assert parent.locale.language_code == "es"


@pytest.mark.django_db
def test_spanish_pages_render(client, loaded):
    response = client.get("/es/")
    body = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert spanish.HOME["hero_heading"] in body
    assert "notice--language" not in body

    story = in_spanish(StoryPage).get()
    assert story.url == "/es/historias/el-grupo-de-paseo/"
    response = client.get(story.url)
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert "No tenía que estar mejor" in response.content.decode()

    privacy = client.get("/es/privacidad/")
    assert privacy.status_code == 200
    assert "Aviso de privacidad" in privacy.content.decode()
    assert client.get(in_spanish(ArticlePage).get().url).status_code == 200
    assert client.get("/es/historias/").status_code == 200
    assert client.get("/es/accesibilidad/").status_code == 200


@pytest.mark.django_db
def test_the_english_home_page_keeps_its_english_text(client, loaded):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "en-GB"
    assert "Mental Health Awareness Month: you are not on your own" in body
    assert spanish.HOME["hero_heading"] not in body


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_repairs_edits(loaded):
    revisions = Revision.objects.count()
    pages = list(Page.objects.order_by("path").values_list("path", "title", "slug", "live"))
    messages = []

    load(messages)

    assert Revision.objects.count() == revisions
    assert list(Page.objects.order_by("path").values_list("path", "title", "slug", "live")) == (
        pages
    )
    assert not [m for m in messages if "Created" in m or "Updated" in m]

    story = in_spanish(StoryPage).get()
    story.body = [("paragraph", "<p>Cambiado a mano</p>")]
    story.save_revision().publish()
    messages = []

    load(messages)

    assert [m for m in messages if "Updated" in m] == [
        "Updated the Spanish page 'El grupo de paseo que me sacó de casa' "
        "('The walking group that got me out of the house')."
    ]
    assert "Cambiado a mano" not in str(in_spanish(StoryPage).get().body)
