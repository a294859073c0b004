"""Rows loaded once for a whole test module (the demo, above all) instead of once per test.

Loading the demo takes seconds. It is loaded inside a transaction that stays open until
the module's last test and is then rolled back. Every test that asks for it through the
``db`` fixture runs in a savepoint of that transaction (Django's TestCase nests its atomic
block, as it does under setUpTestData), so whatever a test writes is undone before the
next one starts. Not for tests that need committed rows (``transactional_db``, a worker
or a server in another process): they cannot see inside the open transaction.
"""

import io
import sys
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.test import override_settings

from tests.support.wagtail_tree import ensure_base_tree


@contextmanager
def loaded_once(django_db_blocker, load):
    """Runs ``load()`` in a new transaction; yields its result; then rolls it all back."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            result = load()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield result
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        # Wagtail's site paths and any page cached from the undone rows go with them.
        cache.clear()


@contextmanager
def demo_in_rollback(django_db_blocker, media_root):
    """The demo loaded (its images under ``media_root``); yields that folder; then undone.

    A transactional test before it may have left the tables flushed, the rows migrations
    made gone with the rest: they are put back first, in the same transaction."""

    def load():
        ensure_base_tree()
        call_command("load_demo", stdout=io.StringIO())

    with override_settings(MEDIA_ROOT=media_root), loaded_once(django_db_blocker, load):
        yield media_root


def module_rows(build):
    """A module-scoped fixture holding what ``build()`` returns, built once per module in a
    transaction rolled back after its last test (as the demo is, above).

    Tests take the rows through a function fixture that also asks for ``db`` and returns
    ``fresh(rows)``: each test then reads its own instances, not ones an earlier test changed
    in memory, while its writes to the rows are undone by its savepoint.
    """

    @pytest.fixture(scope="module")
    def rows(django_db_setup, django_db_blocker):
        with loaded_once(django_db_blocker, build) as built:
            yield built

    return rows


def fresh(value):
    """``value`` with every model instance in it (in dicts, lists, tuples) read anew."""
    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value
