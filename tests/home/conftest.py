"""Fixtures for story and article tests: a site with a home page and a story index."""

import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail.rich_text import RichText

from home import demo
from home.models import ArticlePage, Author, StoryCategory, StoryIndexPage, StoryPage
from tests.support.indexing import indexed_once


def quiet(message):
    pass


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded images and renditions go to a temporary folder, never the worktree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_rate_limits():
    """An empty cache before and after, so one test's rate-limit counts never reach another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return demo.load_home_page(log=quiet)


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


def story_index(home):
    page = StoryIndexPage(title="Stories", slug="stories", live=True)
    home.add_child(instance=page)
    return page


@pytest.fixture
def index(home):
    return story_index(home)


def peer_author():
    return Author.objects.create(
        name="Sam Rivers", credential="Peer supporter, not a licensed professional", bio="Hi."
    )


@pytest.fixture
def author(db):
    return peer_author()


def peer_category():
    return StoryCategory.objects.create(name="Peer support", slug="peer-support")


@pytest.fixture
def category(db):
    return peer_category()


def make_image(title="A calm river", description="A river at dawn", size=(1280, 800)):
    # Wide enough for the largest rendition a page asks for (width-1280), no wider: each
    # rendition decodes and resizes the whole original.
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (90, 140, 120)).save(buffer, "PNG")
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name="river.png"),
    )


@pytest.fixture
def image(db):
    return make_image()


@indexed_once()
def add_story(index, title="Finding my people", *, model=StoryPage, publish=True, **fields):
    fields.setdefault("intro", f"An introduction to {title}.")
    fields.setdefault("body", [("paragraph", RichText("<p>Some words.</p>"))])
    categories = fields.pop("categories", [])
    tags = fields.pop("tags", [])
    page = model(title=title, live=False, **fields)
    index.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    if tags:
        page.tags.add(*tags)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def hopeful_story(index, author, category):
    return add_story(index, author=author, categories=[category], tags=["hope"])


@pytest.fixture
def story(index, author, category):
    return hopeful_story(index, author, category)


def story_world():
    """The fixtures above built in one go, for a module that shares them (built once with
    tests/support/demo_once.module_rows): the story index under the home page, the peer
    author and category, and their published story."""
    index = story_index(demo.load_home_page(log=quiet))
    author, category = peer_author(), peer_category()
    story = hopeful_story(index, author, category)
    return {"index": index, "author": author, "category": category, "story": story}


@pytest.fixture
def article(index, author, category):
    return add_story(
        index,
        "Why community matters",
        model=ArticlePage,
        author=author,
        categories=[category],
        tags=["community"],
    )
