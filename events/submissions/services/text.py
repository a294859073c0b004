"""What the public types becomes plain text: no markup from a form reaches a page.

Templates escape on output as well; stripping here also keeps tags out of the admin,
feeds and mail, which do not all escape the same way.
"""

import re

from django.utils.html import escape, strip_tags

# Control characters other than tab and newline (NUL breaks PostgreSQL text columns).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(value):
    """One value as plain text: tags removed (repeatedly, for nested tricks), controls gone."""
    text = CONTROL.sub("", str(value or "")).replace("\r\n", "\n")
    for _ in range(3):
        stripped = strip_tags(text)
        if stripped == text:
            break
        text = stripped
    # What is left of an unbalanced tag ("<img src=x onerror=...") is escaped on output,
    # but a lone "<" starting a word is dropped too, so nothing tag-like is stored.
    return re.sub(r"<(?=[A-Za-z/!?])", "", text).strip()


def single_line(value):
    return " ".join(plain(value).split())


def paragraphs_html(text):
    """Plain text to escaped <p> paragraphs for a rich-text block; single breaks kept."""
    blocks = [part.strip() for part in plain(text).split("\n\n")]
    return [
        "<p>" + "<br/>".join(escape(line.strip()) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    ]
