"""A count of the SQL the suite runs, for measuring its work where seconds cannot.

The fast suite's time on this kind of machine drifts by half from one hour to the next
with the machine's own speed (issue 25's notes), so a change that saves a tenth cannot be
told from noise by timing it. Statements do not drift: half the suite's time is spent
in Django's ORM. They are not a clock either: a factory publish that ran 14% fewer
statements over the suite took the same CPU time side by side (issue 25, 2026-12-03), so
a change that lowers them is confirmed by alternating timed runs. ``--query-census`` counts
every statement the tests' database connections run, the pages and revisions created
among them, and prints the totals with the test files that ran the most. Under
pytest-xdist each worker sends its counts to the controller (``workeroutput``), which adds
them up; the totals do not depend on how the files were shared out.

Only the test thread's connections are watched: a Celery worker's statements and a live
server thread's (each has connections of its own) are not counted. The session's database
setup (the home page and index added to the template's copy) and a module's shared rows
are counted under the file of the test whose setup built them.
"""

from collections import Counter

import pytest

OUTPUT_KEY = "tapestry_query_census"
TITLE = "query census"
SHOWN_FILES = 12
# The statements that create a page and a revision, as Django's SQL compiler writes them.
KINDS = {
    "pages": 'INSERT INTO "wagtailcore_page"',
    "revisions": 'INSERT INTO "wagtailcore_revision"',
}


def add_option(parser):
    parser.addoption(
        "--query-census",
        action="store_true",
        help="count the SQL statements the tests run and print the totals after the run",
    )


class Census:
    """Counts each statement under the test file running it (``file``)."""

    def __init__(self):
        self.file = None
        self.per_file = {}  # test file: Counter of "queries", "pages", "revisions"

    def __call__(self, execute, sql, params, many, context):
        """A Django execute wrapper (``connection.execute_wrappers``)."""
        if self.file is not None:
            counts = self.per_file.setdefault(self.file, Counter())
            counts["queries"] += 1
            for kind, start in KINDS.items():
                if sql.startswith(start):
                    counts[kind] += 1
        return execute(sql, params, many, context)

    def watch(self, connection):
        if self not in connection.execute_wrappers:
            # First, so that statements a test's own wrapper turns away are counted too.
            connection.execute_wrappers.insert(0, self)

    def totals(self):
        return sum(self.per_file.values(), Counter())

    def add(self, per_file):
        for name, counts in per_file.items():
            self.per_file.setdefault(name, Counter()).update(counts)


class CensusPlugin:
    def __init__(self, census):
        self.census = census

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        from django.db import connections

        for connection in connections.all(initialized_only=False):
            self.census.watch(connection)
        self.census.file = item.nodeid.split("::")[0]
        try:
            return (yield)
        finally:
            self.census.file = None

    @pytest.hookimpl
    def pytest_sessionfinish(self, session):
        workeroutput = getattr(session.config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput[OUTPUT_KEY] = {
                name: dict(counts) for name, counts in self.census.per_file.items()
            }

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        self.census.add(getattr(node, "workeroutput", {}).get(OUTPUT_KEY, {}))

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter):
        if hasattr(terminalreporter.config, "workerinput"):
            return
        terminalreporter.write_sep("=", TITLE)
        for line in report_lines(self.census):
            terminalreporter.write_line(line)


def report_lines(census):
    """The totals, then the files that ran the most statements (with their pages and
    revisions created)."""
    totals = census.totals()
    lines = [
        f"{totals['queries']:,} statements; {totals['pages']:,} pages and "
        f"{totals['revisions']:,} revisions created",
        "statements pages revisions  test file (the busiest)",
    ]
    busiest = sorted(census.per_file.items(), key=lambda pair: (-pair[1]["queries"], pair[0]))
    for name, counts in busiest[:SHOWN_FILES]:
        lines.append(f"{counts['queries']:10,} {counts['pages']:5} {counts['revisions']:9}  {name}")
    return lines


def register(config):
    if config.getoption("--query-census"):
        config.pluginmanager.register(CensusPlugin(Census()), "tapestry-query-census")
