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
