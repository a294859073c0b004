"""What crawlers read: robots.txt points at Wagtail's sitemap, and the sitemap lists every
live page the public may see and nothing else."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests.events import factories

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_personal_links(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/admin/", "/bookings/", "/my-bookings/"):
        assert f"Disallow: {path}" in lines
    # Nothing a reader should find is kept from crawlers.
    assert "Disallow: /" not in lines


def test_sitemap_lists_live_public_pages_only(client):
    public = factories.event(title="Open art afternoon")
    draft = factories.event(title="Planned but not yet published", publish=False)
    hidden = factories.event(title="Members-only planning evening")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")

    locations = sitemap_locations(client)

    assert any(location.endswith(public.url) for location in locations)
    assert all(location.startswith("http://") for location in locations)
    assert not any(draft.slug in location for location in locations)
    assert not any(hidden.slug in location for location in locations)
