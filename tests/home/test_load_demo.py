from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision, Site

from home.models import (
    ArticlePage,
    Author,
    Comment,
    HomePage,
    SiteSettings,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
)

pytestmark = pytest.mark.slow(
    reason="loads the demo itself: the loader is what it tests (15-20 s a test)"
)


def load_demo(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def english(model):
    """The source-language pages: the demo also loads Spanish versions of some of them."""
    return model.objects.filter(locale=Locale.get_default())


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "settings": list(SiteSettings.objects.values()),
        "categories": list(StoryCategory.objects.order_by("slug").values()),
        "authors": list(Author.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
        "bodies": [
            (page.pk, page.body.get_prep_value(), sorted(page.tags.names()))
            for model in (StoryPage, ArticlePage)
            for page in model.objects.order_by("pk")
        ],
    }


@pytest.mark.django_db
def test_demo_sets_up_a_published_home_page_as_the_site_root():
    load_demo()

    home = english(HomePage).get()
    assert home.live
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # Wagtail's own placeholder page is replaced, not left beside ours.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert "Mental Health Awareness Month" in home.hero_heading


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    before = snapshot()

    output = load_demo()

    assert snapshot() == before
    assert "Created" not in output and "Updated" not in output


@pytest.mark.django_db
def test_demo_repairs_edited_content_with_a_new_revision():
    load_demo()
    home = english(HomePage).get()
    home.hero_heading = "Changed by hand"
    home.save()

    output = load_demo()

    assert "Updated the home page" in output
    assert "Mental Health Awareness Month" in english(HomePage).get().hero_heading


@pytest.mark.django_db
def test_demo_admin_is_created_once_in_development(settings):
    settings.DEBUG = True
    load_demo(admin_user="admin", admin_password="first-password-123")
    load_demo(admin_user="admin", admin_password="another-password-456")

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password("first-password-123")


@pytest.mark.django_db
def test_demo_admin_is_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo(admin_user="admin", admin_password="whatever-123")
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_demo_has_an_advocacy_article_two_stories_and_moderated_comments():
    load_demo()

    index = english(StoryIndexPage).get()
    assert index.live and index.show_in_menus
    article = english(ArticlePage).get()
    assert article.live and article.get_parent().pk == index.pk
    assert article.author.credential
    kinds = [block.block_type for block in article.body]
    for kind in ("paragraph", "heading", "key_points", "resource", "call_to_action"):
        assert kind in kinds
    headings = [b.value["level"] for b in article.body if b.block_type == "heading"]
    assert headings[0] == "h2" and "h3" in headings
    for block in article.body:
        if block.block_type == "resource":
            assert block.value["url"].split("/")[2].endswith(".example")
    assert english(StoryPage).live().count() == 2
    assert StoryCategory.objects.count() >= 3
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {Comment.Status.APPROVED, Comment.Status.PENDING}
    settings = SiteSettings.objects.get()
    assert settings.disclaimer and settings.crisis_banner_enabled


@pytest.mark.django_db
def test_demo_story_pages_render(client):
    load_demo()

    for page in [*english(StoryPage), *english(ArticlePage)]:
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Please note" in response.content.decode()
    assert client.get(english(StoryIndexPage).get().url).status_code == 200


@pytest.mark.django_db
def test_demo_repairs_an_edited_article_body():
    load_demo()
    article = english(ArticlePage).get()
    article.body = [("paragraph", "<p>Vandalised</p>")]
    article.save_revision().publish()
    Comment.objects.filter(status=Comment.Status.PENDING).update(status=Comment.Status.SPAM)

    output = load_demo()

    assert "Updated article page" in output
    assert len(english(ArticlePage).get().body) > 10
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 2
