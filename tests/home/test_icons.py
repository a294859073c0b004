"""The favicon set and web manifest are served (browsers ask for them on every visit)."""

import io
import json

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "kind", "size"),
    [
        ("/favicon.ico", "image/x-icon", None),
        ("/apple-touch-icon.png", "image/png", 180),
        ("/icon-192.png", "image/png", 192),
        ("/icon-512.png", "image/png", 512),
    ],
)
def test_icons_are_served(client, path, kind, size):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == kind
    image = Image.open(io.BytesIO(response.content))
    if size:
        assert image.size == (size, size)


def test_the_manifest_names_the_site_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
