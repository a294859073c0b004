import re

import pytest

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
