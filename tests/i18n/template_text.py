"""Finds words in templates that reach a reader without passing through the translation tags.

Django's own lexer splits a template into text, variables and tags; only the text between
tags can hold an unmarked sentence. Inside that text, visible words are what is left once
markup is removed, plus the attributes a reader hears or sees (alt, title, aria-label,
placeholder, and the content of description meta tags).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

TEMPLATE_ROOTS = ("templates",)
SPOKEN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "summary"}
# Blocks a translation tag opens: text inside them is the msgid itself.
TRANSLATED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
# Text that is the same in every language: symbols, units, proper names of formats.
WORDLESS = re.compile(r"^[\W\d_]*$")
NAMES = {"Tapestry", "iCal", "RSS", "JSON", "CSV", "Google", "Apple", "Outlook", "ICS", "UTC"}
# Names of products, the same in every language.
PRODUCT_NAMES = {"Google Calendar"}
DESCRIBING_META = ("description", "og:description", "twitter:description")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self._skip += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.pieces.append(value)
        meta_name = attributes.get("name") or attributes.get("property")
        if tag == "meta" and meta_name in DESCRIBING_META and attributes.get("content"):
            self.pieces.append(attributes["content"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.pieces.append(data)


def _has_words(text):
    text = text.strip()
    if not text or WORDLESS.match(text) or text in PRODUCT_NAMES:
        return False
    if text.startswith("<") and text.endswith(">"):
        return False  # markup shown as a sample to copy (an embed code)
    words = re.findall(r"[^\W\d_]{2,}", text)
    return any(word not in NAMES for word in words)


def untranslated_text(source):
    """Return the visible pieces of text in a template's source that no translation tag covers."""
    tokens = Lexer(source).tokenize()
    plain = []
    closing = None
    in_class_block = False
    for token in tokens:
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if closing is None and name in TRANSLATED_BLOCKS:
                closing = TRANSLATED_BLOCKS[name]
                plain.append(" ")
            elif closing is not None and name == closing:
                closing = None
            elif name == "block" and token.contents.split()[1:2] == ["body_class"]:
                # A CSS class list, not words for a reader.
                in_class_block = True
                plain.append("\x00comment\x00")
            elif name in ("comment",):
                plain.append("\x00comment\x00")
            elif name == "endcomment" or (name == "endblock" and in_class_block):
                in_class_block = False
                plain.append("\x00endcomment\x00")
            else:
                plain.append(" ")
        elif token.token_type == TokenType.TEXT and closing is None:
            plain.append(token.contents)
        else:
            plain.append(" ")
    joined = re.sub(r"\x00comment\x00.*?\x00endcomment\x00", " ", "".join(plain), flags=re.S)
    parser = _VisibleText()
    parser.feed(joined)
    parser.close()
    return [piece.strip() for piece in parser.pieces if _has_words(piece)]


def template_files(base):
    for root in TEMPLATE_ROOTS:
        for path in sorted((Path(base) / root).rglob("*")):
            if path.suffix in (".html", ".txt") and path.is_file():
                yield path


if __name__ == "__main__":
    import sys

    import django

    django.setup()
    base = Path(__file__).resolve().parents[2]
    targets = [Path(arg) for arg in sys.argv[1:]] or list(template_files(base))
    total = 0
    for path in targets:
        found = untranslated_text(path.read_text())
        for piece in found:
            print(f"{path.relative_to(base)}: {piece[:100]!r}")
        total += len(found)
    print(f"{total} untranslated pieces")
