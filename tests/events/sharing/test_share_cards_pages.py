"""Share cards on real pages: meta tags, branding, the editor's own image and privacy."""

import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

from events import tasks
from events.models import BrandSettings, CampaignStory, ShareCard
from events.sharing.services import (
    branding,
    card_content,
    card_types,
    share_card_store,
    share_cards,
)
from home.models import ArticlePage, StoryIndexPage, StoryPage
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "7 Hidden Court"
SECRET_VENUE = "Larch Meeting Room"
SECRET_LINK = "https://meet.example/secret-room-4471"
META = re.compile(r'<meta (?:property|name)="((?:og|twitter|article):[^"]+)" content="([^"]*)">')


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def meta_tags(response):
    assert response.status_code == 200
    return {name: unescape(value) for name, value in META.findall(response.content.decode())}


def upload(title="Photo", colour=(30, 90, 120), size=(1600, 1000), description=""):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name="photo.png")
    )


def served_image(client, url):
    """GET a card (absolute URL from a meta tag) and open it as an image."""
    path = url.removeprefix("http://testserver")
    response = client.get(path)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return response, Image.open(io.BytesIO(data))


def story_index():
    home = factories.site_with_index().get_parent()
    index = StoryIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    return index


def add_story(title, *, model=StoryPage, tags=(), **fields):
    page = model(
        title=title,
        intro=f"An introduction to {title}.",
        body=[("paragraph", RichText("<p>Words.</p>"))],
        live=False,
        **fields,
    )
    story_index().add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _build_campaign():
    return factories.campaign(
        primary_colour="#5b2a86", accent_colour="#ffd166", hashtag="TalkMore", story_tag="mham"
    )


# The branded campaign, built once for the module (no files: its cards are drawn only after
# a commit, which the module's transaction never makes); each test reads its own copy and
# its changes (a logo, a restriction) are undone. The tests that build a campaign of their
# own in its place are in test_share_cards_campaign_fields.py.
campaign_rows = module_rows(_build_campaign)


@pytest.fixture
def campaign(campaign_rows, db):
    return fresh(campaign_rows)


@pytest.fixture
def private_event(campaign):
    """A hybrid support group whose address and join link are shared only on registration."""
    room = factories.venue(
        name=SECRET_VENUE, address=f"{SECRET_ADDRESS}\nRiverside RV9 9ZZ", area="Riverside north"
    )
    return factories.event(
        campaign,
        title="Thursday peer support",
        kind=factories.kind("Support group", "support-group"),
        campaign=campaign,
        venue=room,
        attendance_mode="hybrid",
        join_url=SECRET_LINK,
        address_after_registration=True,
        join_link_after_registration=True,
        start_date=timezone.localdate() + timedelta(days=3),
    )


# Meta tags ----------------------------------------------------------------------------------


def test_event_page_meta_tags_point_at_a_served_card(client, campaign):
    event = factories.event(campaign, campaign=campaign, summary="Breathe with us.")

    tags = meta_tags(client.get(event.url))

    assert tags["og:title"] == event.title
    assert tags["og:description"] == "Breathe with us."
    assert tags["og:url"] == f"http://testserver{event.url}"
    assert re.fullmatch(r"http://testserver/cards/[0-9a-f]{64}\.png", tags["og:image"])
    assert tags["twitter:image"] == tags["og:image"]
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:type"] == "image/png"
    assert tags["twitter:card"] == "summary_large_image"
    assert event.title in tags["og:image:alt"] and "#TalkMore" in tags["og:image:alt"]
    response, image = served_image(client, tags["og:image"])
    assert image.size == (1200, 630)
    assert "immutable" in response["Cache-Control"]


def test_first_request_draws_the_card_once_when_the_task_has_not_run(client, campaign):
    event = factories.event(campaign, campaign=campaign)
    assert not ShareCard.objects.exists()

    first = meta_tags(client.get(event.url))["og:image"]
    second = meta_tags(client.get(event.url))["og:image"]

    assert first == second
    card = ShareCard.objects.get()
    assert (card.layout, card.object_id) == ("landscape", event.pk)


def test_a_card_drawn_by_the_task_is_the_one_the_page_uses(client, campaign):
    event = factories.event(campaign, campaign=campaign)
    content_type = ContentType.objects.get_for_model(event)
    for layout in event.share_card_layouts:
        tasks.render_share_card(content_type.pk, event.pk, layout)
    stored = ShareCard.objects.get(layout="landscape")

    tags = meta_tags(client.get(event.url))

    assert tags["og:image"] == f"http://testserver{stored.get_absolute_url()}"
    assert ShareCard.objects.count() == 3  # landscape, square and story: nothing new drawn


def test_campaign_story_and_article_pages_have_card_meta(client, campaign):
    story = add_story("Finding my people", tags=["mham"])
    article = add_story("Why community matters", model=ArticlePage)

    for page, og_type in ((campaign, "website"), (story, "article"), (article, "article")):
        tags = meta_tags(client.get(page.url))
        assert tags["og:type"] == og_type
        assert tags["og:title"] == page.title
        assert tags["og:image"].startswith("http://testserver/cards/"), page
        assert tags["twitter:card"] == "summary_large_image"
        _response, image = served_image(client, tags["og:image"])
        assert image.size == (1200, 630)
    assert "article:published_time" in meta_tags(client.get(story.url))


def test_an_occurrence_page_names_its_own_address(client, campaign):
    start = timezone.localdate() + timedelta(days=2)
    event = factories.event(
        campaign,
        campaign=campaign,
        start_date=start,
        repeat="WEEKLY",
        repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        repeat_count=3,
    )
    key = event.occurrences.first().key

    tags = meta_tags(client.get(f"{event.url}occurrences/{key}/"))

    assert tags["og:url"] == f"http://testserver{event.url}occurrences/{key}/"
    assert tags["og:image"].startswith("http://testserver/cards/")


# The editor's own image -----------------------------------------------------------------


def test_an_uploaded_share_image_replaces_the_card(client, campaign):
    own = upload("Our poster", description="Two people talking on a bench")
    event = factories.event(campaign, campaign=campaign, share_image=own)

    tags = meta_tags(client.get(event.url))

    rendition = own.get_rendition("fill-1200x630")
    assert tags["og:image"] == f"http://testserver{rendition.url}"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == "Two people talking on a bench"
    assert not ShareCard.objects.exists()


def test_stories_use_their_share_image_too(client):
    own = upload("Story poster")
    story = add_story("A quiet morning", share_image=own)

    tags = meta_tags(client.get(story.url))

    assert ".fill-1200x630" in tags["og:image"]
    assert not ShareCard.objects.exists()


# Branding -------------------------------------------------------------------------------


def test_event_cards_carry_their_campaigns_branding(campaign):
    logo = upload("Logo", colour=(255, 255, 255), size=(300, 120))
    campaign.logo = logo
    campaign.save()
    event = factories.event(campaign, campaign=campaign)

    content = event.share_card_content("landscape")

    assert (content.primary, content.accent) == ("#5b2a86", "#ffd166")
    assert content.hashtag == "TalkMore"
    assert content.campaign == campaign.title
    assert content.logo_key.startswith(f"{logo.pk}:")
    result = share_cards.render_card(content, "landscape")
    assert result.min_contrast >= 4.5


def test_stories_take_the_branding_of_the_campaign_that_tags_or_chooses_them(campaign):
    tagged = add_story("Tagged for the campaign", tags=["MHAM"])
    chosen = add_story("Chosen by the campaign")
    CampaignStory.objects.create(campaign=campaign, page=chosen)
    other = add_story("Not in any campaign")

    assert branding.campaign_for(tagged) == campaign
    assert branding.campaign_for(chosen) == campaign
    assert branding.campaign_for(other) is None
    assert tagged.share_card_content("landscape").primary == "#5b2a86"


def site_branding():
    # After the page tree exists: building it replaces the default site.
    factories.site_with_index()
    return BrandSettings.for_site(Site.objects.get(is_default_site=True))


def test_pages_outside_campaigns_use_the_site_branding():
    story = add_story("Outside any campaign")
    site_settings = site_branding()
    site_settings.name = "Riverside Recovery Network"
    site_settings.primary_colour = "#fafafa"  # very pale: the card must still be readable
    site_settings.hashtag = "#RiversideTogether"
    site_settings.save()

    content = story.share_card_content("landscape")

    assert (content.campaign, content.primary) == ("Riverside Recovery Network", "#fafafa")
    assert content.kind == "Story"
    assert share_cards.render_card(content, "landscape").min_contrast >= 4.5


# Privacy ----------------------------------------------------------------------------------


def test_private_event_details_never_reach_the_card_or_the_meta(client, private_event):
    content = private_event.share_card_content("landscape")
    tags = meta_tags(client.get(private_event.url))

    assert content.where == "Riverside north and Online"
    card_text = [content.title, content.kind, content.when, content.where]
    written = " ".join([*card_text, card_types.alt_text(content), *tags.values()])
    for secret in (SECRET_ADDRESS, SECRET_VENUE, SECRET_LINK, "RV9 9ZZ"):
        assert secret not in written


def test_restricted_pages_have_no_social_meta_and_no_card(client, django_user_model, campaign):
    event = factories.event(campaign, campaign=campaign, title="Members-only meeting")
    story = add_story("Members-only story")
    for page in (event, story):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "x"))

    for page in (event, story):
        html = client.get(page.url).content.decode()
        assert page.title in html  # the signed-in reader sees the page...
        assert not META.search(html)  # ...but nothing for link previews
    assert not ShareCard.objects.exists()


def test_restricting_a_page_later_deletes_its_cards(campaign, django_capture_on_commit_callbacks):
    event = factories.event(campaign, campaign=campaign)
    share_card_store.get_or_render(event, "landscape")
    assert ShareCard.objects.filter(object_id=event.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=campaign, restriction_type=PageViewRestriction.PASSWORD, password="pw"
        )

    assert not ShareCard.objects.exists()
    content_type = ContentType.objects.get_for_model(event)
    tasks.render_share_card(content_type.pk, event.pk, "landscape")
    assert not ShareCard.objects.exists()


def test_event_card_text_for_plain_public_events(campaign):
    hall = factories.venue(name="Willow Hall", area="Riverside")
    event = factories.event(
        campaign, campaign=campaign, venue=hall, start_date=timezone.localdate() + timedelta(5)
    )

    content = card_content.for_event(event)

    assert content.where == "Willow Hall, Riverside"
    assert content.kind == "Workshop"
    assert content.when.endswith("18:30 to 20:00")


# Admin ----------------------------------------------------------------------------------


def test_editors_find_branding_share_image_and_site_branding_in_the_admin(
    client, django_user_model, campaign
):
    event = factories.event(campaign, campaign=campaign)
    story = add_story("Editable story")
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "x"))

    campaign_form = client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    for field in ("primary_colour", "accent_colour", "logo", "hashtag", "share_image"):
        assert f'name="{field}"' in campaign_form, field
    for page in (event, story):
        assert 'name="share_image"' in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    settings_page = client.get("/admin/settings/events/brandsettings/", follow=True)
    assert settings_page.status_code == 200
    assert 'name="hashtag"' in settings_page.content.decode()
