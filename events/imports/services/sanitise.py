"""Plain text only: a partner's feed can never put markup, scripts or odd links on our pages.

Producers put HTML where RFC 5545 wants text (Google's DESCRIPTION, Outlook's X-ALT-DESC), so
every text value goes through ``plain_text`` and every link through ``web_url``.
"""

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements whose content is never text a reader should see.
_HIDDEN = {"script", "style", "head", "title", "template", "noscript", "iframe", "object"}
# Elements that end a line of text.
_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_MARKUP_HINT = re.compile(r"<[a-zA-Z/!]|&(#?\w+);")


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _strip_markup(value):
    parser = _TextOnly()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


def _drop_controls(value):
    """Keep line breaks and tabs; drop other control and format characters (bidi tricks too)."""
    return "".join(
        char
        for char in value
        if char in "\n\t" or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"}
    )


def plain_text(value, *, max_length=None, single_line=False):
    """Markup-free, entity-free text with tidy spaces, cut at ``max_length`` characters."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    # Run twice: an escaped tag (&lt;script&gt;) becomes a tag after one pass, and must not
    # survive as markup either.
    for _ in range(2):
        if not _MARKUP_HINT.search(text):
            break
        text = _strip_markup(text)
    text = _drop_controls(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = " ".join(filter(None, lines)) if single_line else "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    # Anything still looking like a tag is shown as text; take the angle brackets out of it.
    text = text.replace("<", "\u2039").replace(">", "\u203a")
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "\u2026"
    return text


def web_url(value):
    """The link if it is an absolute http(s) URL with a host, else ""."""
    url = str(value or "").strip()
    if not url or len(url) > 2000 or any(char.isspace() or ord(char) < 32 for char in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return ""
    if any(char in url for char in "<>\"'`"):
        return ""
    return url
