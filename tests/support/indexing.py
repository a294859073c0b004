"""Search and reference-index updates run once per object, and only when they can matter.

Creating and publishing a page saves it three times (``add_child``, ``save_revision``,
``publish``), and each save has Wagtail re-index the object for search and for references
(tasks that the test settings' immediate backend runs on the spot): about a third of the
cost of a factory-made event, and an eighth of the whole fast suite. Each of those updates
recomputes the object's entries from its row as it is then, so running only the last one
gives the same index. Two ways to hold them back:

* ``indexed_once()`` (the factories) queues the updates, one per object, and runs them in
  order as the block ends: a test that searches or reads the usage of what a factory made
  finds the same rows.
* ``deferred_in_rolled_back_tests()`` (an autouse fixture in ``tests/conftest.py``) keeps
  them queued for the whole test, but only while the test runs inside the transaction
  that pytest-django rolls back afterwards (the ``db`` fixture): nothing there is ever
  committed, so no other connection, thread or process can look at the index. The queue
  is run before the first SQL statement that touches an index table (a search, a usage
  listing, a delete's clean-up) and before an indexed object is deleted (its update must
  find its row), so what a test reads is what immediate updates would have left. What a test never
  reads is never computed: most tests build pages and never search them. A transactional
  test, a live server's thread or any other connection indexes on the spot, as before.

One difference remains: an object changed without a save (``QuerySet.update``) and read
from the index afterwards is indexed as it is at the read, not as it was at its last save.
No test relies on the index lagging behind its rows that way.
"""

import functools
import threading
from contextlib import ExitStack, contextmanager, nullcontext
from unittest import mock

import modelsearch.signal_handlers
import wagtail.signal_handlers
from django.db import connection
from django.db.models.signals import pre_delete

# The module attributes the post_save handlers enqueue through.
_TASKS = (
    (modelsearch.signal_handlers, "insert_or_update_object_task"),
    (wagtail.signal_handlers, "update_reference_index_task"),
)


class _Queue:
    """Stands in for a task while updates are held back: keeps each object's update once.

    ``hold()`` says, at each enqueue, whether to keep the update or run it now."""

    def __init__(self, task, hold):
        self.task = task
        self.hold = hold
        self.pending = {}

    def enqueue(self, *args):
        if self.hold():
            self.pending[args] = None
        else:
            self.task.enqueue(*args)

    def run(self):
        pending, self.pending = self.pending, {}
        for args in pending:
            self.task.enqueue(*args)


class _Holding:
    """The queues in force (None when updates run on the spot) and what holds them."""

    queues = None
    # True while indexed_once() holds updates; else they are held only inside a test's
    # rolled-back transaction, on the thread that runs the test.
    block = False
    test_thread = None
    running = False

    @classmethod
    def hold(cls):
        if cls.block:
            return True
        return threading.get_ident() == cls.test_thread and in_rolled_back_test()

    @classmethod
    def run(cls):
        if cls.queues is None or cls.running:
            return
        cls.running = True  # the updates' own SQL touches the index tables
        try:
            for queue in cls.queues:
                queue.run()
        finally:
            cls.running = False


def in_rolled_back_test():
    """Inside the atomic block Django's TestCase machinery (pytest-django's ``db``) opens
    for a test and always rolls back."""
    return any(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


@contextmanager
def _queues_installed():
    queues = [_Queue(getattr(module, name), _Holding.hold) for module, name in _TASKS]
    _Holding.queues = queues
    try:
        with ExitStack() as patches:
            for (module, name), queue in zip(_TASKS, queues, strict=True):
                patches.enter_context(mock.patch.object(module, name, queue))
            yield
    finally:
        _Holding.queues = None


@contextmanager
def indexed_once():
    if _Holding.block:
        # Nested in another builder: the outer block runs the updates.
        yield
        return
    # Inside a test whose updates are held already, the builder adds to those queues.
    installed = nullcontext() if _Holding.queues is not None else _queues_installed()
    _Holding.block = True
    try:
        with installed:
            yield
            # Only after a block that finished: a failed build has nothing worth indexing.
            _Holding.block = False
            if not _Holding.hold():
                _Holding.run()
    finally:
        _Holding.block = False


@functools.cache
def _index_tables():
    """Names found in every SQL statement that reads or writes an index: the search index's
    table (the SQLite full-text table's name starts with it) and the reference index's."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.models import IndexEntry

    return (IndexEntry._meta.db_table, ReferenceIndex._meta.db_table)


def _run_before_index_sql(execute, sql, params, many, context):
    if _Holding.queues is not None and any(name in sql for name in _index_tables()):
        _Holding.run()
    return execute(sql, params, many, context)


def _run_before_delete(sender, **kwargs):
    # Listening for the whole session (below); acts only while a test holds its updates.
    if _Holding.test_thread is not None:
        _Holding.run()


# The models _run_before_delete listens to: connected once each, never disconnected
# (connecting and disconnecting two dozen receivers around every test cost more).
_listening = set()


def _indexed_models():
    """The models whose deletion also removes index entries (and which therefore already
    have delete receivers: listening to them changes no fast delete into a slow one)."""
    from modelsearch.index import get_indexed_models
    from wagtail.models import ReferenceIndex

    return {*get_indexed_models(), *ReferenceIndex.tracked_models}


@contextmanager
def deferred_in_rolled_back_tests():
    """For one test: hold its updates while it runs in its rolled-back transaction (above).

    Whatever is still queued at the end belongs to rows that rollback removes: dropped."""
    for model in _indexed_models() - _listening:
        pre_delete.connect(_run_before_delete, sender=model, dispatch_uid=__name__)
        _listening.add(model)
    _Holding.test_thread = threading.get_ident()
    try:
        with connection.execute_wrapper(_run_before_index_sql), _queues_installed():
            yield
    finally:
        _Holding.test_thread = None
