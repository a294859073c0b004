"""The demo kept in a PostgreSQL template database, copied for each test module that needs it.

Loading the demo (``manage.py load_demo``) costs 20-40 s on a busy two-core machine, and a
dozen modules used to pay it. Here it is loaded once into a copy of the migrated template
(tests/support/template_db.py) and kept as a second template; each module then gets a copy
of its own (``CREATE DATABASE ... TEMPLATE``, a second or two) and the connection points at
it until the module's last test is done, when the copy is dropped. Tests in the module
still run in their own rolled-back transaction (pytest-django's ``db``).

The template's name ends with a fingerprint of the day, the migrations and of every
source the stored demo can depend on: the Python of the apps (the loader saves through the models,
their signals and services, so a change anywhere there can change the rows), the locale
catalogues (the demo publishes translations), the settings the loader reads and the
versions of the libraries that store pages and draw the pictures. A change to any of them
builds a fresh template on the next run; templates alone (HTML) do not.

The demo's pictures are files: they are kept in a folder named after the template, beside
the system's temporary files, and each module gets a copy of that folder, because pages
write renditions there as they render (sharing it read-only would not hold).
"""

import hashlib
import io
import os
import shutil
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from tests.support import template_db

# What the loader's output can depend on, relative to the project's root.
SOURCE_PACKAGES = ("campaign", "events", "home")
CATALOGUES = "locale"
# Settings the loader reads (home/demo): a template built under others would differ.
READ_SETTINGS = ("WAGTAILADMIN_BASE_URL", "TAPESTRY_RETENTION_DAYS", "TAPESTRY_LINK_MAX_AGE_DAYS")
LIBRARIES = ("django", "wagtail", "pillow")


def source_files(root):
    """Every file whose text goes into the fingerprint, in a stable order."""
    root = Path(root)
    files = []
    for package in SOURCE_PACKAGES:
        files += (root / package).rglob("*.py")
    files += (root / CATALOGUES).rglob("*.po")
    return sorted(path for path in files if "__pycache__" not in path.parts)


def fingerprint(migrations, root=None, day=None):
    """A short hash of the migrations' fingerprint and of what the stored demo depends on.

    The day (UTC) is part of it: the loader stamps rows with the time it ran (revisions,
    comments, first publication), and tests have always seen a demo loaded today.
    """
    root = Path(root or settings.BASE_DIR)
    digest = hashlib.sha256()
    digest.update(migrations.encode())
    digest.update((day or datetime.now(UTC).date()).isoformat().encode())
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name in READ_SETTINGS:
        digest.update(repr((name, getattr(settings, name, None))).encode())
    for library in LIBRARIES:
        digest.update(repr((library, metadata.version(library))).encode())
    return digest.hexdigest()[:12]


def _prefix(migrated):
    # Beside the migrated template ("..._tpl_<fingerprint>"), under a name its sweep of
    # stale templates skips; taken from it because by now the settings name the test
    # database, not the configured one the migrated template is named after.
    return migrated.rsplit("_tpl_", 1)[0] + "_dem_"


def media_home():
    """Where the templates' picture folders are kept (outside the repository)."""
    return Path(tempfile.gettempdir()) / "tapestry-test-demo-media"


@contextmanager
def pointed_at(name):
    """The connection talks to database ``name`` inside the block, then to its own again.

    Django keeps the name in two places: the settings and the connection's copy of them.
    Wagtail caches the site's root paths (and pages may be cached) from the rows, so the
    cache goes with each switch.
    """
    default = settings.DATABASES[connection.alias]
    old = default["NAME"], connection.settings_dict["NAME"]
    connection.close()
    default["NAME"] = connection.settings_dict["NAME"] = name
    cache.clear()
    try:
        yield
    finally:
        connection.close()
        default["NAME"], connection.settings_dict["NAME"] = old
        cache.clear()


def _load_demo_into(database, media):
    """Load the demo into ``database`` with its pictures under ``media``, committed.

    What the loader leaves for after the commit (share cards, cache stamps, page-cache
    purges) is dropped: in the rolled-back load this replaces it never ran either.
    """
    with pointed_at(database), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        connection.run_on_commit.clear()


_fingerprints = {}


def _fingerprint_once(migrations):
    # Once per process: a run that crosses midnight keeps the template it started with.
    if migrations not in _fingerprints:
        _fingerprints[migrations] = fingerprint(migrations)
    return _fingerprints[migrations]


def ensure_template(migrated, copy_as=None):
    """(name, media folder) of the demo template for the current sources, made from the
    migrated template ``migrated``; built if missing. With ``copy_as``, also copies it to
    a new database of that name.

    An advisory lock keeps two xdist workers (or two benchmarks) from building it twice:
    the second waits, then finds it. The copy is made under the same lock, so no other
    process can sweep the template away as stale between the check and the copy.
    """
    prefix = _prefix(migrated)
    name = prefix + _fingerprint_once(migrated.rsplit("_", 1)[-1])
    media = media_home() / name
    with connection._nodb_cursor() as cursor, template_db.advisory_lock(cursor, prefix):
        if not (template_db.exists(cursor, name) and media.is_dir()):
            _build(cursor, name, migrated, media, prefix)
        if copy_as:
            cursor.execute(f'CREATE DATABASE "{copy_as}" TEMPLATE "{name}"')
    return name, media


def _build(cursor, name, migrated, media, prefix):
    building = name + "_wip"
    media_wip = media.with_name(media.name + "_wip")
    cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    shutil.rmtree(media_wip, ignore_errors=True)
    cursor.execute(f'CREATE DATABASE "{building}" TEMPLATE "{migrated}"')
    _load_demo_into(building, media_wip)
    cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    shutil.rmtree(media, ignore_errors=True)
    media_wip.rename(media)
    # Templates (and their folders) of earlier sources are of no further use.
    for stale in template_db.drop_stale(cursor, prefix, keep=name):
        shutil.rmtree(media_home() / stale, ignore_errors=True)


_copies = 0


def _copy_name():
    """A name no other module, worker or run uses: the worker's test database, this
    process and a counter."""
    global _copies
    _copies += 1
    base = settings.DATABASES[connection.alias]["NAME"][: template_db.MAX_NAME - 20]
    return f"{base}_demo{os.getpid()}_{_copies}"


def drop(cursor, name):
    # FORCE: a connection a test left open (a thread, a server) must not keep the copy.
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def module_copy(django_db_blocker, migrated, media):
    """A copy of the demo template for one module, its pictures copied to ``media``.

    Yields the copy's name; the connection points at it until the block ends, when the
    copy is dropped and the connection points back at the worker's test database.
    """
    with django_db_blocker.unblock():
        name = _copy_name()
        _template, template_media = ensure_template(migrated, copy_as=name)
        shutil.copytree(template_media, media, dirs_exist_ok=True)
        pointing = pointed_at(name)
        pointing.__enter__()
    try:
        with override_settings(MEDIA_ROOT=media):
            yield name
    finally:
        with django_db_blocker.unblock():
            pointing.__exit__(None, None, None)
            with connection._nodb_cursor() as cursor:
                drop(cursor, name)
