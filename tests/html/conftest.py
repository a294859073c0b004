import pytest

from tests.html.pages import render_public_pages


@pytest.fixture(scope="session")
def _rendered_pages_cache():
    return {}


@pytest.fixture
def rendered_pages(_rendered_pages_cache, tmp_path_factory, db, settings, client):
    """The demo's public pages as HTML files, rendered by the first test that asks and
    reused by the others (rendering loads the whole demo, which takes a while).

    Ask for the checker's fixture first, so a skipped checker renders nothing.
    """
    if "files" not in _rendered_pages_cache:
        settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
        out = tmp_path_factory.mktemp("pages")
        _rendered_pages_cache["files"] = render_public_pages(client, out)
    return _rendered_pages_cache["files"]
