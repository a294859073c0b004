import pytest

from tests.html.pages import render_public_pages


@pytest.fixture(scope="session")
def _rendered_pages_cache():
    return {}


@pytest.fixture
def rendered_pages(_rendered_pages_cache, tmp_path_factory, request, client):
    """The demo's public pages as HTML files, rendered by the first test that asks and
    reused by the others (rendering every page takes a while).

    Only that first test takes the demo (tests/conftest.py, ``demo_content``): a later
    module reading the files needs no copy of the demo database. It brings ``db`` with
    it, after the module's copy is in place. Ask for the checker's fixture first, so a
    skipped checker renders nothing.
    """
    if "files" not in _rendered_pages_cache:
        request.getfixturevalue("demo_content")
        out = tmp_path_factory.mktemp("pages")
        _rendered_pages_cache["files"] = render_public_pages(client, out)
    return _rendered_pages_cache["files"]
