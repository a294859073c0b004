"""While one worker builds the migrated template, the other runs the tests that need no database.

The first run after a migration changes (a fresh checkout's first run above all) builds
the migrated template (tests/support/template_db.py): 10-11 s here, almost all of it
Django rendering 244 migrations' model states. It used to happen in the setup of whichever
worker's first database test came first, and every other worker sat waiting at its own
first database test, since pytest-django sorts the tests that need no database last.

Here the first worker (gw0) builds a missing template as soon as it has sent its
collection, and the tests that need no database (about a tenth of `make test-fast`'s
time) come first: the scheduler hands them to the other worker while gw0 builds. Later
runs find the template built: gw0 only checks, and the order costs nothing, since tests
that need no database leave nothing behind for the others.
"""

import os

import pytest
from pytest_django.plugin import blocking_manager_key

from tests.support import db_creation, template_db

BUILDER = "gw0"


def uses_database(item):
    """Whether ``item`` needs the test database: pytest-django gives it one, by the rules
    its own sort uses, or one of its fixtures sets the database up itself (the demo
    template's tests make databases of their own from the migrated template)."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        return True
    fixtures = getattr(item, "fixturenames", ())
    return bool({"db", "transactional_db", "live_server", "django_db_setup"}.intersection(fixtures))


def no_database_first(items):
    """Move the tests that need no database before the rest, in place; a stable sort, so
    the database tests keep pytest-django's order (transactional ones last)."""
    items.sort(key=uses_database)


def should_build(session):
    """Only the first of several workers builds early, and only when migrations are used
    and a selected test needs a database (a run of a few plain tests builds nothing)."""
    return (
        os.environ.get("PYTEST_XDIST_WORKER") == BUILDER
        and not session.config.getvalue("nomigrations")
        and any(uses_database(item) for item in session.items)
    )


def build(config):
    """Build the template if missing; the time goes to this process's database setup
    (tests/support/db_creation.py), not to the first test's."""
    with config.stash[blocking_manager_key].unblock(), db_creation.early_work():
        template_db.prepare()


class EarlyTemplate:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        # After pytest-django's sort (tryfirst) and `-m`'s deselection.
        no_database_first(items)

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session):
        # After xdist has sent this worker's collection: the scheduler can start.
        if should_build(session):
            build(session.config)


def register(config):
    config.pluginmanager.register(EarlyTemplate(), "tapestry-early-template")
