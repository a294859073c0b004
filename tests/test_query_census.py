"""The count of the suite's SQL (tests/support/query_census.py), checked against Django's
own record of the statements a connection ran (CaptureQueriesContext)."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events import factories
from tests.support.query_census import OUTPUT_KEY, Census, CensusPlugin, report_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def census():
    census = Census()
    census.watch(connection)
    census.file = "tests/test_a.py"
    yield census
    connection.execute_wrappers.remove(census)


def test_every_statement_is_counted_with_the_pages_and_revisions_among_them(census):
    factories.site_with_index()
    census.per_file.clear()
    with CaptureQueriesContext(connection) as captured:
        factories.event(title="Counted")
        factories.event(title="Built, not published", publish=False)

    counts = census.per_file["tests/test_a.py"]
    assert counts["queries"] == len(captured)
    sql = [query["sql"] for query in captured]
    assert counts["pages"] == sum(s.startswith('INSERT INTO "wagtailcore_page"') for s in sql)
    assert counts["pages"] == 2
    assert counts["revisions"] == 1


def test_statements_outside_a_test_are_left_out(census):
    census.file = None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert census.totals()["queries"] == 0


def test_watching_twice_counts_once(census):
    census.watch(connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert census.totals()["queries"] == 1


def test_the_controller_adds_up_its_workers_and_lists_the_busiest_files():
    controller = CensusPlugin(Census())
    for output in (
        {"tests/test_a.py": {"queries": 40, "pages": 2, "revisions": 2}},
        {"tests/test_b.py": {"queries": 90}, "tests/test_a.py": {"queries": 10}},
    ):
        controller.pytest_testnodedown(SimpleNamespace(workeroutput={OUTPUT_KEY: output}), None)

    assert report_lines(controller.census) == [
        "140 statements; 2 pages and 2 revisions created",
        "statements pages revisions  test file (the busiest)",
        "        90     0         0  tests/test_b.py",
        "        50     2         2  tests/test_a.py",
    ]


def test_a_worker_sends_its_counts_to_the_controller():
    census = Census()
    census.add({"tests/test_a.py": {"queries": 3, "pages": 1}})
    config = SimpleNamespace(workeroutput={})
    CensusPlugin(census).pytest_sessionfinish(SimpleNamespace(config=config))
    assert config.workeroutput[OUTPUT_KEY] == {"tests/test_a.py": {"queries": 3, "pages": 1}}
