import xml.etree.ElementTree as ET

import pytest

from home.models import StoryCategory
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

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to validate it


def test_rss_feed_parses_and_lists_live_stories_newest_first(client, index, story, article):
    add_story(index, "A draft", publish=False)

    response = client.get("/feeds/stories/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Why community matters",
        "Finding my people",
    ]
    first = items[0]
    assert first.findtext("link") == "http://testserver/stories/why-community-matters/"
    assert first.findtext("description") == article.intro
    assert first.findtext("guid") == f"tapestry-page-{article.pk}"
    assert first.findtext("pubDate")
    assert [c.text for c in first.findall("category")] == ["Peer support"]


def test_atom_feed_parses(client, story):
    root = parse(client.get("/feeds/stories/atom/"))

    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Finding my people"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/stories/finding-my-people/")


def test_category_feed_only_has_that_category(client, index, story):
    recovery = StoryCategory.objects.create(name="Recovery", slug="recovery")
    add_story(index, "About recovery", categories=[recovery])

    channel = parse(client.get("/feeds/stories/recovery/rss/")).find("channel")

    assert [i.findtext("title") for i in channel.findall("item")] == ["About recovery"]
    assert "Recovery" in channel.findtext("title")
    assert client.get("/feeds/stories/no-such-category/rss/").status_code == 404


@pytest.mark.parametrize("path", ["/feeds/stories/rss/", "/feeds/stories/atom/"])
def test_feeds_escape_markup(client, index, path):
    add_story(index, "Fish & <chips>", intro="Salt & <vinegar>")

    raw = client.get(path).content.decode()
    assert "<chips>" not in raw
    root = ET.fromstring(raw)  # noqa: S314 - our own feed; must still be well-formed
    assert "Fish & <chips>" in ET.tostring(root, encoding="unicode").replace("&amp;", "&").replace(
        "&lt;", "<"
    ).replace("&gt;", ">")


def test_a_filtered_listing_also_advertises_its_category_feed(client, index, story):
    content = client.get(index.url + "?category=peer-support").content.decode()
    assert 'href="/feeds/stories/peer-support/rss/"' in content
    assert 'type="application/rss+xml"' in content
