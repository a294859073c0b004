"""A deploy never serves what older code drew: the cache's keys carry the release
(campaign/cache_keys.py, campaign/settings/release.py), except the stamps, generations
and counters that every release must read alike."""

import re
import uuid
from importlib import metadata

import pytest
from django.core.cache import cache
from django.utils.module_loading import import_string

from campaign import pagecache
from campaign.cache_keys import release_scoped_key
from campaign.settings.base import redis_cache
from campaign.settings.release import _installed, fingerprint, release
from events.core.services import editorial_stamp, fragments, ratelimit
from tests.events import factories

PAGE_CACHE_HEADER = "X-Tapestry-Cache"


def tree(root, **files):
    """A project tree under ``root``: file paths (``__`` for ``/``) and their text."""
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


SOURCES = {
    "templates__base.html": "<main>{% block content %}{% endblock %}</main>",
    "events__views.py": "def view(request): ...",
    "home__models.py": "class Story: ...",
    "locale__es__LC_MESSAGES__django.po": 'msgid "Online"\nmsgstr "En línea"\n',
    "campaign__static__css__site.css": "body { color: #222; }",
}
PACKAGES = [("django", "5.2.8"), ("wagtail", "8.0")]


# The fingerprint.


def test_the_same_code_in_two_places_has_one_fingerprint(tmp_path):
    first = tree(tmp_path / "node-a", **SOURCES)
    second = tree(tmp_path / "elsewhere" / "node-b", **SOURCES)
    assert fingerprint(first, PACKAGES) == fingerprint(second, PACKAGES)
    assert re.fullmatch(r"[0-9a-f]{12}", fingerprint(first, PACKAGES))


@pytest.mark.parametrize(
    "change",
    [
        {"templates__base.html": "<main class=new>{% block content %}{% endblock %}</main>"},
        {"events__views.py": "def view(request): return None"},
        {"locale__es__LC_MESSAGES__django.po": 'msgid "Online"\nmsgstr "Por internet"\n'},
        {"campaign__static__css__site.css": "body { color: #111; }"},
        {"home__templates__home__new_page.html": "<p>new</p>"},
    ],
    ids=["template", "python", "translation", "style", "new-file"],
)
def test_a_changed_source_changes_the_fingerprint(tmp_path, change):
    before = fingerprint(tree(tmp_path, **SOURCES), PACKAGES)
    assert fingerprint(tree(tmp_path, **change), PACKAGES) != before


def test_a_renamed_file_and_an_upgraded_package_change_it(tmp_path):
    root = tree(tmp_path, **SOURCES)
    before = fingerprint(root, PACKAGES)
    assert fingerprint(root, [("django", "5.2.9"), ("wagtail", "8.0")]) != before
    (root / "home" / "models.py").rename(root / "home" / "stories.py")
    assert fingerprint(root, PACKAGES) != before


def test_what_is_built_or_lies_outside_the_sources_leaves_it_alone(tmp_path):
    root = tree(tmp_path, **SOURCES)
    before = fingerprint(root, PACKAGES)
    tree(
        root,
        **{
            "events____pycache____views.cpython-311.pyc": "bytecode",
            "events__stale.pyc": "bytecode",
            "locale__es__LC_MESSAGES__django.mo": "compiled",
            "var__tapestry.sqlite3": "rows",
            "media__images__photo.jpg": "pixels",
            "static__css__site.0a1b2c.css": "collected",
        },
    )
    assert fingerprint(root, PACKAGES) == before


def test_a_named_release_wins_over_the_fingerprint(tmp_path, monkeypatch):
    root = tree(tmp_path, **SOURCES)
    monkeypatch.setenv("TAPESTRY_RELEASE", "v2.4.1")
    assert release(root) == "v2.4.1"
    monkeypatch.setenv("TAPESTRY_RELEASE", "")
    assert release(root) == fingerprint(root)


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_installed_packages_agree_with_importlib_metadata():
    """Read off the folder names for speed; Python's own reader of each package's
    metadata must find the same names and versions."""
    ours = {(normalised(name), version) for name, version in _installed()}
    theirs = {
        (normalised(dist.metadata["Name"]), dist.version)
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }
    assert ours == theirs
    assert ("django", metadata.version("django")) in ours


def test_without_a_named_release_the_site_runs_under_its_fingerprint(settings):
    # Not compared with this checkout's fingerprint now: a file edited since the run
    # started would fail it.
    assert re.fullmatch(r"[0-9a-f]{12}", settings.TAPESTRY_RELEASE)


# The keys.


@pytest.mark.parametrize(
    ("key", "shared"),
    [
        ("fragment:shift-cards:0a1b", False),
        ("pagecache:page:9f8e", False),
        ("tapestry:kept:stamp:sites", False),
        (editorial_stamp.STAMP_KEY, True),
        (pagecache.GENERATION_KEY, True),
        ("django.contrib.sessions.cached_db" + "k3y", True),
        ("wagtail_site_root_paths", True),
        ("wagtail-rendition-12-5eed-focus-fill-300x200", True),
    ],
)
def test_each_key_carries_the_release_unless_every_release_must_share_it(settings, key, shared):
    settings.TAPESTRY_RELEASE = "old"
    old = release_scoped_key(key, "tapestry", 1)
    settings.TAPESTRY_RELEASE = "new"
    new = release_scoped_key(key, "tapestry", 1)
    assert (old == new) is shared
    assert new.startswith("tapestry:1:") and new.endswith(key)


# What a new release reads.


def start_release(settings, name):
    """Processes of release ``name`` start: the release in the settings, and nothing kept
    in this process's memory (a process runs one release, so its own copies of pieces
    and kept values need no release in their keys)."""
    settings.TAPESTRY_RELEASE = name
    fragments._here.clear()
    for room in editorial_stamp._local.values():
        room.clear()


def kept_piece(drawn):
    def draw():
        drawn.append(1)
        return "<p>Calm breathing workshop</p>"

    return str(fragments.kept("release-test", ("same values",), draw))


def test_a_new_release_draws_a_piece_again_and_the_same_release_keeps_it(settings):
    drawn = []
    start_release(settings, "first")
    kept_piece(drawn)
    kept_piece(drawn)
    assert len(drawn) == 1

    start_release(settings, "second")
    assert kept_piece(drawn) == "<p>Calm breathing workshop</p>"
    assert len(drawn) == 2


def test_control_without_the_release_in_the_key_a_deploy_reads_the_old_piece(settings):
    """What the key function guards against: Django's own keys are the same for every
    release, so the second release gets what the first drew."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    drawn = []
    start_release(settings, "first")
    kept_piece(drawn)
    start_release(settings, "second")
    kept_piece(drawn)
    assert len(drawn) == 1


@pytest.mark.django_db
def test_a_new_release_does_not_serve_the_stored_page(client, settings):
    factories.site_with_index()
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 300
    start_release(settings, "first")
    assert client.get("/")[PAGE_CACHE_HEADER] == "miss"
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"

    start_release(settings, "second")
    assert client.get("/")[PAGE_CACHE_HEADER] == "miss"
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"


@pytest.mark.django_db
def test_a_purge_by_one_release_reaches_the_pages_another_stored(client, settings):
    """During a rolling deploy old and new nodes run side by side: a publish on a new
    node must drop what an old one stored."""
    factories.site_with_index()
    settings.TAPESTRY_PAGE_CACHE_SECONDS = 300
    settings.TAPESTRY_RELEASE = "old"
    client.get("/")
    assert client.get("/")[PAGE_CACHE_HEADER] == "hit"

    settings.TAPESTRY_RELEASE = "new"
    pagecache.purge()

    settings.TAPESTRY_RELEASE = "old"
    assert client.get("/")[PAGE_CACHE_HEADER] == "miss"


@pytest.mark.django_db
def test_an_editorial_change_under_one_release_is_seen_by_another(settings):
    """Both releases in this one process, as an old and a new node: the old one keeps
    its kept value in memory under the stamp it read, and must drop it once the new one
    renews the stamp."""
    settings.TAPESTRY_RELEASE = "old"
    seen_before = editorial_stamp.current()
    computed = []
    editorial_stamp.kept_here("release-test", lambda: computed.append(1) or "sites")

    settings.TAPESTRY_RELEASE = "new"
    editorial_stamp.renew()  # an editor's change on a node of the new release

    settings.TAPESTRY_RELEASE = "old"
    assert cache.get(editorial_stamp.STAMP_KEY) != seen_before
    editorial_stamp.kept_here("release-test", lambda: computed.append(1) or "sites")
    assert len(computed) == 2


def test_rate_limits_count_on_across_a_deploy(settings):
    sender = uuid.uuid4().hex
    settings.TAPESTRY_RELEASE = "old"
    assert ratelimit.allow("release-test", sender, limit=2, window_seconds=60)
    assert ratelimit.allow("release-test", sender, limit=2, window_seconds=60)
    settings.TAPESTRY_RELEASE = "new"
    assert not ratelimit.allow("release-test", sender, limit=2, window_seconds=60)


@pytest.mark.redis
def test_the_sites_redis_cache_keeps_releases_apart_but_shares_stamps(settings):
    """The production cache settings on a real Redis, under a prefix of this test's."""
    config = redis_cache(settings.REDIS_URL)
    backend = import_string(config.pop("BACKEND"))
    prefix = f"release-test-{uuid.uuid4().hex}"
    shared = backend(config.pop("LOCATION"), {**config, "KEY_PREFIX": prefix})
    try:
        settings.TAPESTRY_RELEASE = "old"
        shared.set("fragment:release-test", "old markup", 60)
        shared.set(editorial_stamp.STAMP_KEY, "stamp-1", 60)
        settings.TAPESTRY_RELEASE = "new"
        assert shared.get("fragment:release-test") is None
        assert shared.get(editorial_stamp.STAMP_KEY) == "stamp-1"
        shared.set("fragment:release-test", "new markup", 60)
        settings.TAPESTRY_RELEASE = "old"
        assert shared.get("fragment:release-test") == "old markup"
    finally:
        # Only this test's keys (clear() would empty the Redis database other workers use).
        client = shared._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


@pytest.mark.django_db
def test_a_signed_in_session_is_read_from_the_cache_by_every_release(settings):
    """Sessions are people's data, not drawn by code: a node of the new release finds a
    session an old one cached, without asking the database."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    settings.TAPESTRY_RELEASE = "old"
    session = SessionStore()
    session["reader"] = "calm"
    session.save()

    settings.TAPESTRY_RELEASE = "new"
    assert cache.get(session.cache_key) == {"reader": "calm"}


@pytest.mark.django_db
def test_a_site_changed_under_one_release_is_addressed_anew_by_another(settings):
    """Wagtail deletes its cached site root paths when a site is saved: the deletion
    made by a node of one release must reach the copy another release's node read."""
    from wagtail.models import Site

    factories.site_with_index()
    settings.TAPESTRY_RELEASE = "old"
    assert [paths.root_url for paths in Site.get_site_root_paths()] == ["http://testserver"]

    settings.TAPESTRY_RELEASE = "new"
    site = Site.objects.get(is_default_site=True)
    site.hostname = "calm.example"
    site.save()

    settings.TAPESTRY_RELEASE = "old"
    assert [paths.root_url for paths in Site.get_site_root_paths()] == ["http://calm.example"]
