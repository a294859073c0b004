"""The demo's public pages in Spanish show no English interface text.

The words to look for come from the catalogue itself: every translated sentence's English
text (msgid). A page that still shows one has a string the catalogue translates but the
page did not (an unmarked copy of it, a string frozen at import time, or a missing .mo).
Content an editor wrote in English (an untranslated event) is not interface text and
rarely matches a whole interface sentence; the few that could are skipped below.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)\w|\{\w+\}|<[^>]+>")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.english_depth = 0
        self.skip = 0
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        english = (attributes.get("lang") or "").lower().startswith("en")
        if tag in ("script", "style", "template"):
            self.skip += 1
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"):
            self.stack.append((tag, english))
            self.english_depth += english
        for name in ("alt", "title", "aria-label", "placeholder"):
            if attributes.get(name) and not (english or self.english_depth):
                self.parts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1
        while self.stack:
            open_tag, english = self.stack.pop()
            self.english_depth -= english
            if open_tag == tag:
                break

    def handle_data(self, data):
        # Text inside an element marked lang="en..." is English on purpose (an
        # untranslated page's content, a language's own name).
        if not self.skip and not self.english_depth:
            self.parts.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def interface_sentences():
    """English sentences of four words or more that Spanish readers should never see."""
    sentences = set()
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        if entry.msgid_plural or (entry.msgctxt or "").endswith("format"):
            continue
        for piece in PLACEHOLDER.split(entry.msgid):
            piece = " ".join(piece.split()).strip(" .,:;")
            if len(piece.split()) >= 4 and piece != " ".join(entry.msgstr.split()).strip(" .,:;"):
                sentences.add(piece)
    return sentences


def test_spanish_pages_show_no_english_interface_text(rendered_pages):
    sentences = interface_sentences()
    assert len(sentences) > 200, "the catalogue should hold the site's sentences"
    found = {}
    spanish_pages = [path for path in rendered_pages if path.name.startswith("es-")]
    assert len(spanish_pages) >= 30
    for path in spanish_pages:
        text = visible_text(path.read_text())
        english = sorted(sentence for sentence in sentences if sentence in text)
        if english:
            found[path.stem] = english[:5]
    assert found == {}, "\n".join(f"{page}: {texts}" for page, texts in found.items())


def test_the_check_sees_english_interface_text():
    """The control: an English page fails the same check."""
    sentences = interface_sentences()
    words = "This site sets no tracking cookies and loads nothing from other websites."
    page = f"<main><p>{words}</p></main>"
    assert any(sentence in visible_text(page) for sentence in sentences)
    marked = f'<main><p lang="en-GB">{words}</p></main>'
    assert not any(sentence in visible_text(marked) for sentence in sentences)
