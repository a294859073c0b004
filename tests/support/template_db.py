"""A migrated PostgreSQL database kept as the template that test databases are copied from.

Migrating an empty database (over 200 migrations) costs tens of seconds on this kind of
machine, and the suite and each benchmark used to pay it again. PostgreSQL copies a
database with ``CREATE DATABASE ... TEMPLATE`` in well under a second, and Django does that
when ``DATABASES[...]["TEST"]["TEMPLATE"]`` is set; its own ``migrate`` then finds
nothing to apply. The template's name ends with a fingerprint of every migration file,
so a new or edited migration builds a fresh template (and the stale one is dropped).
Each run still gets a new database of its own: nothing a test writes outlives its run.
"""

import hashlib
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

# Stay clear of PostgreSQL's 63-byte limit on names.
MAX_NAME = 63


def fingerprint():
    """A short hash of the migration graph and the text of each migration file."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    digest.update(repr(sorted(settings.INSTALLED_APPS)).encode())
    for key in sorted(loader.disk_migrations):
        digest.update(repr(key).encode())
        module = sys.modules.get(type(loader.disk_migrations[key]).__module__)
        path = getattr(module, "__file__", None)
        if path:
            digest.update(Path(path).read_bytes())
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


def use_migrated_template():
    """Make the next test database a copy of the migrated template (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return None
    name = ensure_template()
    settings.DATABASES[connection.alias].setdefault("TEST", {})["TEMPLATE"] = name
    connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = name
    return name
