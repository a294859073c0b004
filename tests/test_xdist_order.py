"""Under pytest-xdist each worker runs its tests in the order a serial run would: the
database tests first, the transactional ones (whose teardown empties every table,
Wagtail's locales, sites and groups from the migrations included) after them
(tests/support/xdist_order.py)."""

from tests.support.xdist_order import file_runs

# As pytest-django sorts a collection: database tests, then transactional, then the rest.
SORTED = [
    "tests/a.py::test_db_1",
    "tests/a.py::test_db_2",
    "tests/b.py::test_db",
    "tests/a.py::test_transactional",  # a.py again: a second run of that file
    "tests/c.py::test_transactional",
    "tests/a.py::test_no_db",
    "tests/d.py::test_no_db",
]


def test_a_file_is_one_unit_while_its_tests_stay_together():
    scopes = file_runs(SORTED)
    assert scopes["tests/a.py::test_db_1"] == scopes["tests/a.py::test_db_2"]
    assert scopes["tests/b.py::test_db"] != scopes["tests/a.py::test_db_1"]


def test_a_files_later_tests_form_units_of_their_own():
    scopes = file_runs(SORTED)
    first, transactional, no_db = (
        scopes["tests/a.py::test_db_1"],
        scopes["tests/a.py::test_transactional"],
        scopes["tests/a.py::test_no_db"],
    )
    assert len({first, transactional, no_db}) == 3


def test_units_come_in_the_order_of_the_collection():
    scopes = file_runs(SORTED)
    order = list(dict.fromkeys(scopes[nodeid] for nodeid in SORTED))
    # Handed out in this order, each worker's tests are a subsequence of SORTED: no
    # database test after a transactional one.
    assert [scope.split("::")[0].split("#")[0] for scope in order] == [
        "tests/a.py",
        "tests/b.py",
        "tests/a.py",
        "tests/c.py",
        "tests/a.py",
        "tests/d.py",
    ]
    assert list(scopes) == SORTED


def test_class_and_parametrized_ids_belong_to_their_file():
    scopes = file_runs(["tests/e.py::Case::test_one", "tests/e.py::test_two[x::y]"])
    assert len(set(scopes.values())) == 1
