"""A page view asks the shared cache for the editorial stamp and nothing else once what it
shows is kept (issue 25): kept pieces, the few values kept in the shared cache and Wagtail's
site root paths each have a copy in every process, used only under the stamp they were
read under (events.core.services.fragments, editorial_stamp, kept_site)."""

from datetime import date

import pytest
from django.core.cache import cache, caches
from django.utils import timezone
from wagtail.models import Site

from events.core.services import editorial_stamp, fragments, kept_site
from tests.events import factories
from tests.events.bookings.volunteering_rows import page_under_home
from tests.support.demo_once import module_rows
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db


# The editorial stamp and the others beside it, read together: one round trip.
STAMPS = [editorial_stamp.STAMP_KEY, *editorial_stamp.ALSO.values()]


@pytest.fixture
def shared_reads(monkeypatch):
    """The keys each trip to the shared cache asked for: a ``get`` names one, a
    ``get_many`` a list (one MGET with Redis; the tests' local-memory cache answers it
    with a ``get`` per key, not counted again)."""
    backend = caches["default"]
    reads = []
    inside = []
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def reading(key, *args, _original=original, **kwargs):
            if not inside:
                reads.append(key)
            inside.append(key)
            try:
                return _original(key, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, reading)
    return reads


def _build_pages():
    index = factories.site_with_index()
    event = factories.event(
        index,
        title="Opening walk",
        slug="walk",
        start_date=date(2027, 5, 2),
        shifts=[factories.shift(role="Walk leader")],
    )
    volunteering = page_under_home()
    return {"home": "/", "event": event.url, "volunteering": volunteering.url}


# An event with a shift and the volunteering page, built once for the module (the tests
# without them only read and write the cache); each test's edits (the site) are undone.
pages_rows = module_rows(_build_pages)


@pytest.fixture
def pages(pages_rows, db):
    return dict(pages_rows)


@pytest.mark.parametrize("name", ["home", "event", "volunteering"])
def test_a_page_view_asks_the_shared_cache_only_for_the_stamp(client, pages, shared_reads, name):
    for _ in range(2):
        assert client.get(pages[name]).status_code == 200
    shared_reads.clear()

    assert client.get(pages[name]).status_code == 200

    assert shared_reads == [STAMPS]


def test_a_new_stamp_sends_a_kept_piece_back_to_the_shared_copy(db, shared_reads):
    drawn = []
    for _ in range(2):
        fragments.kept("probe", ["calm"], lambda: drawn.append(1) or "<p>calm</p>")
    editorial_stamp.renew()
    shared_reads.clear()

    html = fragments.kept("probe", ["calm"], lambda: drawn.append(1) or "<p>calm</p>")

    assert html == "<p>calm</p>" and len(drawn) == 1  # read from the shared copy
    assert fragments.key_for("probe", ["calm"]) in shared_reads


def test_an_emptied_shared_cache_leaves_no_copy_in_use_here(db):
    """Tests and a flushed Redis empty the shared cache: the stamp goes with it, and a copy
    kept here under the old stamp is not used (a value kept shared, here the same)."""
    drawn, computed = [], []
    fragments.kept("probe", ["calm"], lambda: drawn.append(1) or "<p>calm</p>")
    editorial_stamp.kept_shared("probe", lambda: computed.append(1))

    cache.clear()
    fragments.kept("probe", ["calm"], lambda: drawn.append(1) or "<p>calm</p>")
    editorial_stamp.kept_shared("probe", lambda: computed.append(1))

    assert len(drawn) == len(computed) == 2


def test_site_root_paths_are_read_once_and_follow_an_edited_site(
    client, pages, monkeypatch, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "calm.example"]
    read = watch_calls(monkeypatch, Site, "get_site_root_paths")
    editorial_stamp.renew()
    for _ in range(3):
        client.get(pages["event"])
    assert len(read) == 1

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "calm.example", 443
    site.save()
    assert client.get(pages["event"], HTTP_HOST="calm.example").status_code == 200

    assert len(read) == 2
    assert [path.root_url for path in kept_site.root_paths()] == ["https://calm.example"]


def test_values_kept_shared_are_then_read_here(db, shared_reads):
    now = timezone.now()
    for _ in range(2):
        editorial_stamp.kept_shared("probe", lambda: ["calm"])
        editorial_stamp.kept_shared_until("probe-until", lambda: (["calm"], None), now)
    shared_reads.clear()

    assert editorial_stamp.kept_shared("probe", lambda: pytest.fail("computed")) == ["calm"]
    assert editorial_stamp.kept_shared_until("probe-until", pytest.fail, now) == ["calm"]
    # Outside a request nothing is remembered, so each use reads the stamps: only them.
    assert shared_reads and all(read == STAMPS for read in shared_reads)
