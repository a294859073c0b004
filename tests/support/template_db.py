"""A migrated database kept as the template that test databases are copied from.

Migrating an empty database (over 200 migrations) costs tens of seconds on this kind of
machine, and the suite and each benchmark used to pay it again. PostgreSQL copies a
database with ``CREATE DATABASE ... TEMPLATE`` in well under a second, and Django does that
when ``DATABASES[...]["TEST"]["TEMPLATE"]`` is set; its own ``migrate`` then finds
nothing to apply. The template's name ends with a fingerprint of every migration file,
so a new or edited migration builds a fresh template (and the stale one is dropped).
Each run still gets a new database of its own: nothing a test writes outlives its run.

SQLite (the default, with no DATABASE_URL) has no templates, so the migrated file is kept
beside the test database instead, named by the same fingerprint, and each run's database
starts as a copy of it (SQLite's backup API, a few milliseconds). Django is then told to
keep that copy (``keepdb``): its ``migrate`` finds nothing to apply. This takes the 25-30
s of migrating off every run of the suite but the first after a migration changes.
"""

import fcntl
import hashlib
import importlib.util
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

# Stay clear of PostgreSQL's 63-byte limit on names.
MAX_NAME = 63


def fingerprint():
    """A short hash of every app's migration files, read from disk without importing
    them: a migration module may query the database as it is imported (wagtail-localize's
    first one does), which must happen only once the database to migrate is in place."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    digest.update(repr(sorted(settings.INSTALLED_APPS)).encode())
    for app in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module_name, _explicit = MigrationLoader.migrations_module(app.label)
        spec = importlib.util.find_spec(module_name) if module_name else None
        for folder in (spec and spec.submodule_search_locations) or ():
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{app.label}/{path.name}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _template_prefix():
    # Named after the configured database, not a test copy's name: the suite's copies,
    # parallel workers' copies (_gw0, _gw1) and each benchmark's copy share one template.
    return f"test_{connection.settings_dict['NAME']}"[: MAX_NAME - 18] + "_tpl_"


def exists(cursor, name):
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


@contextmanager
def advisory_lock(cursor, key):
    """Held by one process at a time (per ``key``): parallel runs (pytest-xdist workers,
    several benchmarks) wait for one another instead of building the same template twice."""
    lock = int(hashlib.sha256(key.encode()).hexdigest()[:15], 16)
    cursor.execute("SELECT pg_advisory_lock(%s)", [lock])
    try:
        yield
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [lock])


def drop_stale(cursor, prefix, keep):
    """Drop the databases named ``prefix``... other than ``keep`` (templates of earlier
    sources); returns their names."""
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
        [prefix.replace("_", r"\_") + "%", keep],
    )
    stale = [name for (name,) in cursor.fetchall()]
    for name in stale:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    return stale


def _migrate_into(name):
    """Create and migrate database ``name`` as Django would a test database."""
    default = settings.DATABASES[connection.alias]
    old_name, old_test = default["NAME"], dict(default.get("TEST") or {})
    test = {**old_test, "NAME": name}
    test.pop("TEMPLATE", None)
    default["TEST"] = connection.settings_dict["TEST"] = test
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        connection.close()
        default["NAME"] = connection.settings_dict["NAME"] = old_name
        default["TEST"] = connection.settings_dict["TEST"] = old_test


def ensure_template():
    """The name of a migrated template for the current migrations; built if missing.

    A PostgreSQL advisory lock keeps parallel runs (pytest-xdist workers, several
    benchmarks) from building the same template twice.
    """
    prefix = _template_prefix()
    name = prefix + fingerprint()
    with connection._nodb_cursor() as cursor, advisory_lock(cursor, prefix):
        if not exists(cursor, name):
            building = name + "_wip"
            _migrate_into(building)
            cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
            drop_stale(cursor, prefix, keep=name)
    return name


@contextmanager
def file_lock(path):
    """Held by one process at a time: SQLite's counterpart of ``advisory_lock``."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sqlite_template(folder, prefix, fingerprint, build):
    """The path of the SQLite template ``<prefix><fingerprint>.sqlite3`` in ``folder``.

    Built with ``build(path)`` if missing, under a lock that parallel workers share;
    templates of earlier fingerprints are deleted then."""
    folder = Path(folder)
    path = folder / f"{prefix}{fingerprint}.sqlite3"
    with file_lock(folder / f"{prefix}lock"):
        if not path.exists():
            building = folder / f"{prefix}{fingerprint}.wip.sqlite3"
            build(building)
            copy_sqlite(building, path)
            _remove_sqlite(building)
            for stale in folder.glob(f"{prefix}*.sqlite3"):
                if stale != path:
                    _remove_sqlite(stale)
    return path


def _remove_sqlite(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_sqlite(source, target):
    """Copy database file ``source`` over ``target`` through SQLite's backup API, which
    reads a database in WAL mode whole (a plain file copy could miss its -wal file)."""
    _remove_sqlite(target)
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()


def _sqlite_test_name():
    name = (connection.settings_dict.get("TEST") or {}).get("NAME")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def prepare():
    """The migrated template for the current migrations, built now if missing: a SQLite
    file's path or a PostgreSQL database's name; None where no template is used (an
    in-memory SQLite database, another vendor)."""
    if connection.vendor == "sqlite":
        target = _sqlite_test_name()
        if target is None:
            return None
        # Named after the configured database, as on PostgreSQL: the suite's workers and
        # the benchmarks share one template.
        prefix = f"{Path(connection.settings_dict['NAME']).stem}-test-template-"
        return sqlite_template(
            target.parent, prefix, fingerprint(), lambda path: _migrate_into(str(path))
        )
    if connection.vendor != "postgresql":
        return None
    return ensure_template()


def use_migrated_template():
    """Make the next test database a copy of the migrated template.

    PostgreSQL: the template's name is set as the test database's TEMPLATE; returns it.
    SQLite with a file for its test database: the template is copied to that file now,
    and the caller must have Django keep it (``keepdb``); returns the template's path.
    Otherwise (an in-memory database) returns None: Django migrates as usual."""
    template = prepare()
    if template is None:
        return None
    if connection.vendor == "sqlite":
        copy_sqlite(template, _sqlite_test_name())
        return template
    settings.DATABASES[connection.alias].setdefault("TEST", {})["TEMPLATE"] = template
    connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = template
    return template
