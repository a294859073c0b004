"""One worker builds a missing migrated template while the other runs the tests that need
no database (tests/support/early_template.py)."""

from types import SimpleNamespace

import pytest
from django.db import connection

from tests.support import db_creation, early_template


class Marked:
    def __init__(self, name, marker=None, fixtures=()):
        self.nodeid = name
        self.fixturenames = list(fixtures)
        self._marker = marker

    def get_closest_marker(self, name):
        return self._marker if name == "django_db" else None


def test_tests_without_a_database_go_first_and_the_others_keep_their_order():
    items = [
        Marked("a::db_1", marker=pytest.mark.django_db.mark),
        Marked("b::db_fixture", fixtures=["db"]),
        Marked("c::plain_1"),
        Marked("a::transactional", marker=pytest.mark.django_db(transaction=True).mark),
        Marked("d::live", fixtures=["live_server"]),
        Marked("e::plain_2", fixtures=["tmp_path"]),
        Marked("f::own_database", fixtures=["django_db_setup"]),
    ]
    early_template.no_database_first(items)
    assert [item.nodeid for item in items] == [
        "c::plain_1",
        "e::plain_2",
        "a::db_1",
        "b::db_fixture",
        "a::transactional",
        "d::live",
        "f::own_database",
    ]


def _session(items, nomigrations=False):
    config = SimpleNamespace(getvalue=lambda name: nomigrations if name == "nomigrations" else None)
    return SimpleNamespace(items=items, config=config)


@pytest.mark.parametrize(
    ("worker", "nomigrations", "items", "builds"),
    [
        ("gw0", False, [Marked("plain"), Marked("db", fixtures=["db"])], True),
        ("gw1", False, [Marked("db", fixtures=["db"])], False),
        (None, False, [Marked("db", fixtures=["db"])], False),
        ("gw0", True, [Marked("db", fixtures=["db"])], False),
        ("gw0", False, [Marked("plain"), Marked("other", fixtures=["tmp_path"])], False),
    ],
    ids=["first-worker", "second-worker", "no-xdist", "no-migrations", "no-database-test"],
)
def test_only_the_first_worker_builds_and_only_when_a_database_test_will_need_it(
    monkeypatch, worker, nomigrations, items, builds
):
    if worker is None:
        monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    else:
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    assert early_template.should_build(_session(items, nomigrations)) is builds


def test_the_build_may_reach_the_database_and_counts_as_this_processs_setup(request, monkeypatch):
    # This test has no database: pytest-django blocks any query in it...
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        connection.ensure_connection()
    ran = []

    def prepare():
        with connection.cursor() as cursor:  # ...but the build is let through.
            cursor.execute("SELECT 1")
            ran.append(cursor.fetchone())
        return "template"

    monkeypatch.setattr(early_template.template_db, "prepare", prepare)
    monkeypatch.setattr(db_creation._Clock, "early", 0.0)
    early_template.build(request.config)
    assert ran == [(1,)]
    assert db_creation._Clock.early > 0
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        connection.ensure_connection()
