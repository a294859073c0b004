import html
import re
import shutil

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase

from events.calendar.blocks import ImageBlock
from home.blocks import StoryBodyBlock
from home.models import ArticlePage, HomePage, SiteSettings, StoryIndexPage, StoryPage
from tests.home import shared_story
from tests.home.conftest import add_story, make_image, story_world
from tests.support.demo_once import fresh, loaded_once

SHARE_HOSTS = {
    "linkedin": "https://www.linkedin.com/sharing/share-offsite/?",
    "x": "https://x.com/intent/post?",
    "facebook": "https://www.facebook.com/sharer/sharer.php?",
    "threads": "https://www.threads.net/intent/post?",
    "pinterest": "https://www.pinterest.com/pin/create/button/?",
    "email": "mailto:?",
}


@pytest.fixture(scope="module")
def story_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """The story index, its author and category, a published story and a picture
    (tests/home/conftest.py), built once for the module in a transaction rolled back after
    its last test (tests/support/demo_once.py): each test reads its own copies and its
    writes are undone. The picture's file is written to a folder of the module's own."""
    media = tmp_path_factory.mktemp("story-pages-media")
    with (
        override_settings(MEDIA_ROOT=media),
        loaded_once(django_db_blocker, lambda: {**story_world(), "image": make_image()}) as rows,
    ):
        yield {**rows, "media": media}


@pytest.fixture
def image(story_rows, db, media_root):
    """The module's picture, its file copied into this test's own media folder
    (tests/home/conftest.py): what one test writes there never reaches another."""
    shutil.copytree(story_rows["media"], media_root, dirs_exist_ok=True)
    return fresh(story_rows["image"])


# Read from this module's rows above (tests/home/shared_story.py).
author, category, index, story = (
    shared_story.author,
    shared_story.category,
    shared_story.index,
    shared_story.story,
)


class StoryPageRulesTests(WagtailPageTestCase):
    def test_story_index_lives_under_the_home_page(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})

    def test_story_index_holds_stories_and_articles_only(self):
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage, ArticlePage})

    def test_stories_and_articles_live_only_in_a_story_index(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {StoryIndexPage})

    def test_stories_and_articles_have_no_children(self):
        self.assertAllowedSubpageTypes(StoryPage, set())
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_home_page_accepts_a_story_index(self):
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertCanNotCreateAt(Page, StoryIndexPage)


def every_block_body(image, target):
    return [
        ("heading", {"text": "Why it matters", "level": "h2"}),
        ("paragraph", RichText("<p>Plain <b>bold</b> words.</p>")),
        ("heading", {"text": "A detail", "level": "h3"}),
        ("key_points", {"heading": "In short", "points": ["One", "Two <three>"]}),
        ("pull_quote", {"quote": "You are not alone.", "attribution": "A member"}),
        ("image", {"image": image, "alt_text": "A river at dawn", "caption": "The river"}),
        (
            "embed",
            {
                "embed": "https://video.example/watch/1",
                "title": "A short film",
                "transcript": "Words spoken.",
            },
        ),
        (
            "resource",
            {
                "name": "Example Peer Line",
                "url": "https://peer-line.example/",
                "description": "Listening, not advice.",
                "phone": "0800 000 000",
            },
        ),
        ("call_to_action", {"page": target, "label": "Join a walk", "text": "Come along."}),
    ]


@pytest.fixture
def stored_embed(db):
    # A stored embed is what Wagtail serves from then on; no network in tests.
    return Embed.objects.create(
        hash=get_embed_hash("https://video.example/watch/1"),
        url="https://video.example/watch/1",
        max_width=None,
        type="video",
        html='<iframe src="https://video.example/embed/1" title="A short film"></iframe>',
        provider_name="Example Video",
        title="A short film",
        thumbnail_url="",
        width=640,
        height=360,
    )


def test_every_block_renders_on_a_story(client, index, image, home, stored_embed):
    page = add_story(index, "All the blocks", body=every_block_body(image, home))

    response = client.get(page.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h2>Why it matters</h2>" in content
    assert "<h3>A detail</h3>" in content
    assert "Plain <b>bold</b> words." in content
    assert "<li>Two &lt;three&gt;</li>" in content
    assert "<blockquote><p>You are not alone.</p></blockquote>" in content
    assert "<figcaption>— A member</figcaption>" in content
    # A responsive picture with modern formats and the editor's alt text.
    assert 'type="image/avif"' in content and 'type="image/webp"' in content
    assert re.search(r'<img[^>]+alt="A river at dawn"', content)
    assert "srcset=" in content
    # Drawn from the picture's own file: Wagtail quietly serves "not-found" renditions
    # when the original is missing.
    assert "not-found" not in content
    # The embed waits behind a <details> and its frame loads lazily.
    assert '<details class="block-embed__consent">' in content
    assert '<iframe loading="lazy" src="https://video.example/embed/1"' in content
    assert "Open “A short film” on Example Video" in content
    assert 'href="https://peer-line.example/"' in content
    assert 'href="tel:0800000000"' in content
    assert '<a class="button" href="/">Join a walk</a>' in content
    assert len(re.findall(r"<h1[\s>]", content)) == 1


def test_decorative_image_renders_with_empty_alt(client, index, image):
    image.description = ""
    image.save()
    body = [("image", {"image": image, "alt_text": "", "decorative": True, "caption": ""})]
    page = add_story(index, "Decorative", body=body)

    content = client.get(page.url).content.decode()

    assert re.search(r'<figure class="block-image">\s*<picture>.*<img[^>]+alt=""', content, re.S)


def test_image_without_alt_text_is_refused_unless_decorative(image):
    image.description = ""
    image.save()
    block = ImageBlock()

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "alt_text" in refused.value.block_errors

    block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    block.clean(block.to_python({"image": image.pk, "alt_text": "A bench", "decorative": False}))


def test_image_library_description_counts_as_alt_text(image):
    block = ImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "alt_text": ""}))
    assert value["image"].description == "A river at dawn"


def test_sub_heading_needs_a_section_heading_before_it():
    block = StoryBodyBlock()
    bad = block.to_python([{"type": "heading", "value": {"text": "Detail", "level": "h3"}}])
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(bad)
    assert 0 in refused.value.block_errors

    good = block.to_python(
        [
            {"type": "heading", "value": {"text": "Section", "level": "h2"}},
            {"type": "heading", "value": {"text": "Detail", "level": "h3"}},
        ]
    )
    block.clean(good)


def test_disclaimer_and_share_links_are_present_and_escaped(client, index, site):
    settings = SiteSettings.for_site(site)
    settings.disclaimer = "<p>Not medical advice.</p>"
    settings.save()
    page = add_story(index, 'Tea & "biscuits" <together>')

    content = client.get(page.url).content.decode()

    assert 'aria-label="Disclaimer"' in content and "Not medical advice." in content
    assert "<together>" not in content
    assert "Tea &amp; &quot;biscuits&quot; &lt;together&gt;" in content
    found = re.findall(r'class="share-links__link[^"]*" href="([^"]+)"', content)
    hrefs = [html.unescape(h) for h in found]
    for key, prefix in SHARE_HOSTS.items():
        if key == "pinterest":
            continue  # needs an image; see the next test
        assert any(h.startswith(prefix) for h in hrefs), key
    # The page address and title are URL-encoded inside every share link.
    assert any("Tea%20%26%20%22biscuits%22" in h for h in hrefs if h.startswith("mailto:"))
    assert any("url=http%3A%2F%2Ftestserver%2Fstories%2F" in h for h in hrefs)
    assert f"{page.url}?view=print" in hrefs
    # The only script is the page's JSON-LD data, with the title escaped inside it.
    scripts = re.findall(r"<script\b[^>]*>", content)
    assert scripts == ['<script type="application/ld+json">']
    assert "\\u003ctogether\\u003e" in content


def test_social_meta_and_pinterest_use_the_share_card(client, index, image):
    page = add_story(index, "With a picture", image=image)

    content = client.get(page.url).content.decode()

    # The generated card (the story's picture behind its title) is the preview image.
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', content).group(1)
    assert re.fullmatch(r"http://testserver/cards/[0-9a-f]{64}\.png", og_image)
    assert '<meta property="og:image:width" content="1200">' in content
    assert '<meta name="twitter:card" content="summary_large_image">' in content
    assert "https://www.pinterest.com/pin/create/button/?" in content


def test_canonical_link_points_to_the_original_when_given(client, index):
    page = add_story(index, "Elsewhere first", canonical_url="https://blog.example/first")
    plain = add_story(index, "Only here")

    assert '<link rel="canonical" href="https://blog.example/first">' in (
        client.get(page.url).content.decode()
    )
    assert '<link rel="canonical" href="http://testserver/stories/only-here/">' in (
        client.get(plain.url).content.decode()
    )


def test_print_view_hides_the_comment_form(client, story):
    content = client.get(story.url + "?view=print").content.decode()
    assert "print version" in content
    assert "comment-form" not in content


def test_crisis_banner_shows_site_wide_only_when_switched_on(client, site, story):
    settings = SiteSettings.for_site(site)
    settings.crisis_banner_text = "Talk to someone <now>"
    settings.crisis_banner_phone = "+44 800 000 000"
    settings.save()
    assert 'aria-label="Crisis support"' not in client.get("/").content.decode()

    settings.crisis_banner_enabled = True
    settings.save()

    for url in ("/", story.url):
        content = client.get(url).content.decode()
        assert 'aria-label="Crisis support"' in content
        assert "Talk to someone &lt;now&gt;" in content
        assert 'href="tel:+44800000000"' in content


def test_crisis_banner_cannot_be_switched_on_without_a_way_to_get_help(site):
    settings = SiteSettings.for_site(site)
    settings.crisis_banner_enabled = True
    settings.crisis_banner_phone = ""
    settings.crisis_banner_url = ""
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_story_listings_advertise_the_feed(client, index, story):
    rss = '<link rel="alternate" type="application/rss+xml"'
    assert rss in client.get(index.url).content.decode()
    assert rss in client.get("/").content.decode()
    assert rss in client.get(story.url).content.decode()


def test_home_page_shows_the_latest_stories(client, story, article):
    content = client.get("/").content.decode()
    assert "Why community matters" in content and "Finding my people" in content
    assert "Stories from our community will appear here" not in content


def test_drafts_never_appear_in_listings(client, index, story):
    add_story(index, "Still a draft", publish=False)
    assert "Still a draft" not in client.get(index.url).content.decode()
    assert "Still a draft" not in client.get("/").content.decode()


def test_embeds_never_bring_scripts(client, index, db):
    url = "https://social.example/post/1"
    Embed.objects.create(
        hash=get_embed_hash(url),
        url=url,
        type="rich",
        html='<blockquote>A post</blockquote><script async src="https://social.example/w.js">'
        "</script><SCRIPT>track()</SCRIPT>",
        provider_name="Social",
        title="A post",
        thumbnail_url="",
    )
    body = [("embed", {"embed": url, "title": "A post", "transcript": ""})]
    page = add_story(index, "With a post", body=body)

    content = client.get(page.url).content.decode()

    assert "<blockquote>A post</blockquote>" in content
    # Only the page's own JSON-LD data, which runs nothing.
    assert re.findall(r"<script\b[^>]*>", content.lower()) == [
        '<script type="application/ld+json">'
    ]


def test_unknown_embed_falls_back_to_a_plain_link(client, index, settings):
    settings.WAGTAILEMBEDS_FINDERS = []  # no provider: nothing is fetched anywhere
    body = [
        (
            "embed",
            {"embed": "https://video.example/gone", "title": "Old film", "transcript": ""},
        )
    ]
    page = add_story(index, "Missing media", body=body)

    content = client.get(page.url).content.decode()

    assert 'href="https://video.example/gone"' in content
    assert '<details class="block-embed__consent">' not in content


def test_summary_is_the_meta_description_unless_one_is_set(client, index):
    plain = add_story(index, "No description", intro="What this is <about>.")
    described = add_story(index, "Described", search_description="Set by the editor.")

    assert '<meta name="description" content="What this is &lt;about&gt;.">' in (
        client.get(plain.url).content.decode()
    )
    content = client.get(described.url).content.decode()
    assert content.count('<meta name="description"') == 1
    assert '<meta name="description" content="Set by the editor.">' in content
