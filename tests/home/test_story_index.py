"""The story index with one story (and an article where a test adds it) built once for
the module; paging and the query budget, which count every story, are in
test_story_index_paging.py."""

from home.models import Comment, StoryCategory
from tests.home import shared_story
from tests.home.conftest import add_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
author, category, index, story, story_rows = (
    shared_story.author,
    shared_story.category,
    shared_story.index,
    shared_story.story,
    shared_story.story_rows,
)


def titles(response):
    return [story.title for story in response.context["stories"]]


def test_index_lists_stories_and_articles_newest_first(client, index, story, article):
    response = client.get(index.url)
    assert titles(response) == ["Why community matters", "Finding my people"]


def test_index_filters_by_category_and_tag(client, index, story, article):
    other = StoryCategory.objects.create(name="Recovery", slug="recovery")
    add_story(index, "A recovery story", categories=[other], tags=["walking"])

    assert titles(client.get(index.url + "?category=recovery")) == ["A recovery story"]
    assert titles(client.get(index.url + "?tag=hope")) == ["Finding my people"]
    assert titles(client.get(index.url + "?tag=community&category=peer-support")) == [
        "Why community matters"
    ]
    assert titles(client.get(index.url + "?tag=nothing-here")) == []


def test_index_search_finds_words_in_the_body(client, index, story):
    from wagtail.rich_text import RichText

    add_story(
        index,
        "Allotment days",
        body=[("paragraph", RichText("<p>We grew courgettes together.</p>"))],
    )
    response = client.get(index.url + "?q=courgettes")
    assert titles(response) == ["Allotment days"]
    assert "for “courgettes”" in response.content.decode()


def test_index_search_combines_with_category_and_tag_filters(client, index, story, category):
    from wagtail.rich_text import RichText

    body = [("paragraph", RichText("<p>We grew courgettes together.</p>"))]
    add_story(index, "Allotment", body=body, categories=[category], tags=["hope"])
    add_story(index, "Allotment again", body=body, tags=["hope"])

    response = client.get(index.url + "?q=courgettes&category=peer-support&tag=hope")

    assert response.status_code == 200
    assert titles(response) == ["Allotment"]


def test_listing_shows_approved_comment_counts_only(client, index, story):
    Comment.objects.create(page=story, name="A", body="Yes", status=Comment.Status.APPROVED)
    Comment.objects.create(page=story, name="B", body="Hm", status=Comment.Status.PENDING)
    Comment.objects.create(page=story, name="C", body="Buy", status=Comment.Status.SPAM)

    response = client.get(index.url)

    assert response.context["stories"][0].approved_comments == 1
    assert "1 thought" in response.content.decode()


def test_other_apps_can_find_stories_by_tag_without_importing_home(index, story, article):
    """The contract the events app relies on: apps.get_model and a tag name."""
    from django.apps import apps

    model = apps.get_model("home", "StoryPage")
    found = model.objects.live().filter(tags__name="hope").order_by("-first_published_at")
    assert list(found) == [story]
    fields = {f.name for f in model._meta.get_fields()}
    assert fields >= {"tags", "categories", "first_published_at"}
    assert model.objects.live().filter(tags__name="community").count() == 0


def test_search_keeps_words_in_any_script_and_drops_punctuation():
    from home.services.stories import search_words

    assert search_words('<b>calm</b> "breathing" -- día') == "b calm b breathing día"
    assert search_words("?!<>") == ""
