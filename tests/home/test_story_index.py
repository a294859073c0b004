import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import ArticlePage, Comment, StoryCategory, StoryPage
from tests.home.conftest import add_story, make_image

# The index with the cache emptied (the cards fetched too): 21 alone; one more was seen in
# the whole suite before (something an earlier test leaves cached or not; see git log).
BUDGET = 22


def titles(response):
    return [story.title for story in response.context["stories"]]


def add_many(index, count, author, category, with_images=False):
    for number in range(count):
        image = make_image(f"Picture {number}", size=(320, 200)) if with_images else None
        page = add_story(
            index,
            f"Story number {number}",
            model=ArticlePage if number % 2 else StoryPage,
            author=author,
            image=image,
            categories=[category],
            tags=["hope", f"tag-{number % 3}"],
        )
        Comment.objects.create(
            page=page, name="Reader", body=f"Thanks {number}", status=Comment.Status.APPROVED
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


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


def test_index_paginates_and_survives_bad_page_numbers(client, index, author, category):
    index.stories_per_page = 2
    index.save()
    add_many(index, 5, author, category)

    first = client.get(index.url)
    assert len(first.context["stories"]) == 2
    assert 'rel="next"' in first.content.decode()
    assert len(client.get(index.url + "?page=3").context["stories"]) == 1
    assert client.get(index.url + "?page=99").context["page_of_stories"].number == 3
    assert client.get(index.url + "?page=abc").context["page_of_stories"].number == 1


def test_a_page_of_stories_comes_with_its_count_in_one_query(client, index, author, category):
    index.stories_per_page = 2
    index.save()
    add_many(index, 5, author, category)
    client.get(index.url + "?page=2")

    with CaptureQueriesContext(connection) as captured:
        response = client.get(index.url + "?page=2")

    html = response.content.decode()
    assert "5 results." in html and "Page 2 of 3" in html
    assert titles(response) == ["Story number 2", "Story number 1"]
    assert not [query for query in captured if "COUNT(*)" in query["sql"]]


def test_listing_shows_approved_comment_counts_only(client, index, story):
    Comment.objects.create(page=story, name="A", body="Yes", status=Comment.Status.APPROVED)
    Comment.objects.create(page=story, name="B", body="Hm", status=Comment.Status.PENDING)
    Comment.objects.create(page=story, name="C", body="Buy", status=Comment.Status.SPAM)

    response = client.get(index.url)

    assert response.context["stories"][0].approved_comments == 1
    assert "1 thought" in response.content.decode()


@pytest.mark.slow(reason="builds 30 stories with pictures and their renditions (about 9 s)")
@pytest.mark.parametrize("path", ["index", "home"])
def test_listing_query_count_does_not_grow_with_the_number_of_stories(
    client, index, author, category, image, path
):
    index.stories_per_page = 50
    index.save()
    url = index.url if path == "index" else "/"
    add_many(index, 3, author, category, with_images=True)
    client.get(url)  # renditions are created on the first view; count the steady state
    cache.clear()  # and never lean on cached renditions
    few, _ = queries_for(client, url)

    add_many(index, 27, author, category, with_images=True)
    client.get(url)
    cache.clear()
    many, response = queries_for(client, url)

    assert many == few, f"{few} queries for 3 stories but {many} for 30"
    if path == "index":
        assert len(response.context["stories"]) == 30


def test_index_page_query_budget(client, index, author, category, django_assert_max_num_queries):
    add_many(index, 12, author, category, with_images=True)
    client.get(index.url)
    cache.clear()
    # Routing, restrictions, menu and locales are read once per request (home.services.
    # routing, events.core.services restrictions and request_memo); with the cache emptied
    # the cards are fetched too.
    with django_assert_max_num_queries(BUDGET):
        client.get(index.url)


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
