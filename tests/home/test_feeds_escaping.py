"""Issue 17, item 5: a story's intro reaches feed readers as text, never as markup."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.home.conftest import add_story

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = [
    '<p>Hello <img src=x onerror="alert(1)"> there</p>',
    "<p>&lt;script&gt;alert(2)&lt;/script&gt; and <b onclick=x>bold</b></p>",
    "<p><<svg onload=alert(3)>svg onload=alert(3)></p>",
]


class _Markup(HTMLParser):
    """Collects every element and attribute a feed reader's HTML parser would see."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def markup_in(text):
    parser = _Markup()
    parser.feed(text or "")
    return parser.found


def feed_texts(client, url, path):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to check it
    return [element.text for element in root.iter(path)]


@pytest.mark.parametrize("intro", HOSTILE)
def test_rss_and_atom_carry_the_intro_as_text_only(client, index, intro):
    add_story(index, "Tricky", intro=intro)

    rss = feed_texts(client, "/feeds/stories/rss/", "description")
    atom = feed_texts(client, "/feeds/stories/atom/", f"{ATOM}summary")

    story_texts = [text for text in rss[1:] + atom if text] or rss
    assert story_texts
    for text in story_texts:
        # What a reader renders: no element and no attribute from the intro.
        assert markup_in(text) == [], text
        assert "onerror" not in str(markup_in(text))
    if "Hello" in intro:  # the words themselves still arrive
        assert any("Hello there" in html.unescape(text or "") for text in rss + atom)
