"""The migrated template each test database is copied from (tests/support/template_db.py):
built once per set of migrations, copied whole, and never behind the migration files."""

import shutil
import sqlite3
import sys

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.support import template_db


def _database_with(path, rows):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE item (name TEXT)")
        db.executemany("INSERT INTO item VALUES (?)", [(row,) for row in rows])
    db.close()


def _names(path):
    db = sqlite3.connect(path)
    try:
        return [name for (name,) in db.execute("SELECT name FROM item ORDER BY name")]
    finally:
        db.close()


def test_the_template_is_built_once_per_fingerprint_and_earlier_ones_are_removed(tmp_path):
    built = []

    def build(path):
        built.append(path)
        _database_with(path, ["walk"])

    first = template_db.sqlite_template(tmp_path, "db-tpl-", "aaa", build)
    again = template_db.sqlite_template(tmp_path, "db-tpl-", "aaa", build)
    assert again == first
    assert len(built) == 1
    assert _names(first) == ["walk"]

    newer = template_db.sqlite_template(tmp_path, "db-tpl-", "bbb", build)
    assert len(built) == 2
    assert not first.exists()
    assert sorted(path.name for path in tmp_path.glob("*.sqlite3")) == [newer.name]


def test_a_copy_holds_rows_still_in_the_write_ahead_log(tmp_path):
    source, target = tmp_path / "source.sqlite3", tmp_path / "target.sqlite3"
    writer = sqlite3.connect(source)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE item (name TEXT)")
    writer.execute("INSERT INTO item VALUES ('picnic')")
    writer.commit()
    try:
        # The main file alone lacks the table (it is still in source.sqlite3-wal): a plain
        # file copy would lose it.
        bare = tmp_path / "bare.sqlite3"
        shutil.copyfile(source, bare)
        with pytest.raises(sqlite3.OperationalError):
            _names(bare)

        template_db.copy_sqlite(source, target)
        assert _names(target) == ["picnic"]
    finally:
        writer.close()


def test_a_copy_replaces_what_the_last_run_left(tmp_path):
    source, target = tmp_path / "source.sqlite3", tmp_path / "target.sqlite3"
    _database_with(source, ["fresh"])
    _database_with(target, ["left over"])
    (tmp_path / "target.sqlite3-wal").write_bytes(b"stale")

    template_db.copy_sqlite(source, target)

    assert _names(target) == ["fresh"]


def test_the_fingerprint_follows_the_migration_files(tmp_path, settings, monkeypatch):
    package = tmp_path / "fingerprinted_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    migration = package / "0001_initial.py"
    migration.write_text("# first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.MIGRATION_MODULES = {"home": "fingerprinted_migrations"}

    before = template_db.fingerprint()
    assert template_db.fingerprint() == before
    migration.write_text("# edited\n")
    assert template_db.fingerprint() != before
    # Read from disk, not imported: importing may query the database.
    assert "fingerprinted_migrations.0001_initial" not in sys.modules


@pytest.mark.django_db
def test_the_test_database_holds_every_migration():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
