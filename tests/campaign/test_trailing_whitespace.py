import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign.middleware import strip_line_ends
from tests.events import factories

pytestmark = pytest.mark.django_db

TRAILING = re.compile(rb"[ \t]+\r?\n")


def test_public_pages_carry_no_trailing_whitespace(client):
    event = factories.event(title="Tuesday circle", slug="tuesday-circle")

    for url in ("/", event.url, "/whats-on/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not TRAILING.search(response.content), url
        assert int(response.get("Content-Length", len(response.content))) == len(response.content)


def test_the_admin_is_left_as_wagtail_renders_it(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert TRAILING.search(response.content)


# The rule as one regular expression (what the middleware did before it went line by
# line): spaces and tabs directly before a line break or a CRLF.
RULE = re.compile(rb"[ \t]+(?=\r?\n)")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([b" ", b"\t", b"\r", b"\n", b"a", b"<"])).map(b"".join))
def test_stripping_line_ends_does_what_the_rule_says(text):
    assert strip_line_ends(text) == RULE.sub(b"", text)


def test_stripping_keeps_what_is_not_at_a_line_end():
    text = b"<p>  a \t</p>  \r\n\t<b> b</b>\t\n  tail  "
    assert strip_line_ends(text) == b"<p>  a \t</p>\r\n\t<b> b</b>\n  tail  "
