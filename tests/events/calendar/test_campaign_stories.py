"""A campaign page lists the stories and articles tagged for it, from the home app."""

import pytest
from django.core.cache import cache

from events.models import CampaignPage
from home.models import ArticlePage, StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_for_module, db, settings):
    """The demo, loaded once for this module; what each test writes is undone after it."""
    settings.MEDIA_ROOT = demo_for_module
    cache.clear()


def test_campaign_lists_tagged_stories_and_articles(client, demo):
    campaign = CampaignPage.objects.live().in_source_language().get()
    tagged = set(
        StoryPage.objects.live()
        .filter(tags__name__iexact=campaign.story_tag)
        .values_list("title", flat=True)
    ) | set(
        ArticlePage.objects.live()
        .filter(tags__name__iexact=campaign.story_tag)
        .values_list("title", flat=True)
    )
    assert any(ArticlePage.objects.filter(title=t).exists() for t in tagged), "demo tags an article"
    assert any(StoryPage.objects.filter(title=t).exists() for t in tagged), "demo tags a story"

    listed = {page.title for page in campaign.get_stories()}
    html = client.get(campaign.url).content.decode()

    assert tagged <= listed
    for title in tagged:
        assert title.replace("'", "&#x27;") in html


@pytest.mark.slow
def test_an_unpublished_tagged_story_is_not_listed(demo):
    campaign = CampaignPage.objects.live().in_source_language().get()
    story = StoryPage.objects.live().filter(tags__name__iexact=campaign.story_tag).first()
    story.unpublish()

    assert story.title not in {page.title for page in campaign.get_stories()}


def test_chosen_stories_cost_as_many_queries_for_one_as_for_several(demo):
    """Each chosen story as its own class: a query per kind of page, not one per story
    (control: ``link.page.specific`` per link made one more query for every story)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.models import CampaignStory

    campaign = CampaignPage.objects.live().in_source_language().get()
    campaign.story_tag = ""  # only the chosen ones: the tagged lists are counted elsewhere
    stories = list(StoryPage.objects.live().order_by("pk")[:4])
    CampaignStory.objects.create(campaign=campaign, page=stories[0], sort_order=0)

    def counted():
        with CaptureQueriesContext(connection) as context:
            listed = campaign.get_stories(restricted_paths=())
        return len(context.captured_queries), listed

    # Content types are cached per process: warm them first, or the count depends on what
    # ran before in this process (loading the demo here used to warm them by chance).
    counted()
    one, listed = counted()
    assert [page.pk for page in listed] == [stories[0].pk]
    for order, story in enumerate(reversed(stories[1:]), start=1):
        CampaignStory.objects.create(campaign=campaign, page=story, sort_order=order)
    several, listed = counted()
    assert [page.pk for page in listed] == [stories[0].pk, *(s.pk for s in reversed(stories[1:]))]
    assert isinstance(listed[0], StoryPage)
    assert several == one


@pytest.mark.parametrize("how", ["chosen", "tagged"])
def test_a_story_behind_a_view_restriction_is_not_listed(client, demo, how):
    """A campaign page is public: a private story's title and address stay off it, whether
    an editor chose the story or it carries the campaign's tag."""
    from wagtail.models import PageViewRestriction

    from events.models import CampaignStory

    campaign = CampaignPage.objects.live().in_source_language().get()
    story = StoryPage.objects.live().filter(tags__name__iexact=campaign.story_tag).first()
    if how == "chosen":
        story.tags.clear()
        story.save()
        CampaignStory.objects.create(campaign=campaign, page=story, sort_order=0)
    assert story.pk in {page.pk for page in campaign.get_stories()}
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    cache.clear()

    assert story.pk not in {page.pk for page in campaign.get_stories()}
    assert story.title.replace("'", "&#x27;") not in client.get(campaign.url).content.decode()
