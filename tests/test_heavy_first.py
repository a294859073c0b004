"""Heaviest files first (tests/support/heavy_first.py), the kinds of test still in order."""

from types import SimpleNamespace

from tests.support.heavy_first import CACHE_KEY, FileTimes, heaviest_first


def items(*nodeids):
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def test_heavier_files_go_first_untimed_ones_before_all_and_each_file_keeps_its_order():
    collected = items(
        "tests/a.py::test_1",
        "tests/a.py::test_2",
        "tests/b.py::test_1",
        "tests/new.py::test_1",
        "tests/c.py::test_1",
        "tests/c.py::test_2",
    )
    heaviest_first(collected, {"tests/a.py": 1.0, "tests/b.py": 0.2, "tests/c.py": 5.0})
    assert [item.nodeid for item in collected] == [
        "tests/new.py::test_1",
        "tests/c.py::test_1",
        "tests/c.py::test_2",
        "tests/a.py::test_1",
        "tests/a.py::test_2",
        "tests/b.py::test_1",
    ]


class Cache(dict):
    def get(self, key, default):
        return dict(super().get(key, default))

    def set(self, key, value):
        self[key] = value


def report(nodeid, duration):
    return SimpleNamespace(nodeid=nodeid, duration=duration)


def test_each_files_phases_add_up_over_what_earlier_runs_stored():
    cache = Cache({CACHE_KEY: {"tests/a.py": 9.0, "tests/old.py": 3.0}})
    times = FileTimes(cache)
    for nodeid, seconds in [
        ("tests/a.py::test_1", 0.25),
        ("tests/a.py::test_1", 0.5),  # setup, call
        ("tests/a.py::test_2", 0.25),
        ("tests/b.py::test_x[1]", 1.0),
    ]:
        times.pytest_runtest_logreport(report(nodeid, seconds))
    times.pytest_sessionfinish(session=None)
    assert cache[CACHE_KEY] == {"tests/a.py": 1.0, "tests/b.py": 1.0, "tests/old.py": 3.0}


def test_figures_of_files_that_are_gone_are_dropped(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "kept.py").write_text("")
    (tmp_path / "tests" / "ran.py").write_text("")
    cache = Cache({CACHE_KEY: {"tests/kept.py": 2.0, "tests/renamed.py": 5.0}})
    times = FileTimes(cache, tmp_path)
    times.pytest_runtest_logreport(report("tests/ran.py::test_1", 0.5))
    times.pytest_sessionfinish(session=None)
    assert cache[CACHE_KEY] == {"tests/kept.py": 2.0, "tests/ran.py": 0.5}


def _kind(item):
    """pytest-django's groups: 0 database, 1 transactional, 2 neither; and 3, from group 2,
    a test whose fixtures set a database up themselves (the demo template's tests)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    fixtures = set(item.fixturenames)
    if (marker and marker.kwargs.get("transaction")) or fixtures & {
        "transactional_db",
        "live_server",
    }:
        return 1
    if marker or "db" in fixtures:
        return 0
    return 3 if "django_db_setup" in fixtures else 2


def test_this_runs_collection_puts_tests_without_a_database_first_and_transactional_ones_last(
    request,
):
    # Those without a database go first (tests/support/early_template.py); database tests
    # still come before transactional ones, whose teardown empties every table; those that
    # set a database up themselves stay last, where pytest-django put them.
    rank = {2: 0, 0: 1, 1: 2, 3: 3}
    ranks = [rank[_kind(item)] for item in request.session.items]
    assert ranks == sorted(ranks)
