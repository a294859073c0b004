"""Search and reference-index updates run once per object while a test builds its pages.

Creating and publishing a page saves it three times (``add_child``, ``save_revision``,
``publish``), and each save has Wagtail re-index the page for search and for references
(tasks that the test settings' immediate backend runs on the spot): about a third of the
cost of a factory-made event. Each of those updates recomputes the object's entries from
its row as it is then, so running only the last one gives the same index. Inside
``indexed_once()`` the updates are queued, one per object, and run in order as the block
ends: a test that searches or reads the usage of what a factory made finds the same rows.
The switch is per process: for builders run by one thread at a time, as tests do.
"""

from contextlib import ExitStack, contextmanager
from unittest import mock

import modelsearch.signal_handlers
import wagtail.signal_handlers

# The module attributes the post_save handlers enqueue through.
_TASKS = (
    (modelsearch.signal_handlers, "insert_or_update_object_task"),
    (wagtail.signal_handlers, "update_reference_index_task"),
)


class _Queue:
    """Stands in for a task while the block runs: keeps each object's update once."""

    def __init__(self, task):
        self.task = task
        self.pending = {}

    def enqueue(self, *args):
        self.pending[args] = None

    def run(self):
        for args in self.pending:
            self.task.enqueue(*args)


_active = False


@contextmanager
def indexed_once():
    global _active  # builders nest: only the outermost block queues and runs
    if _active:
        yield
        return
    queues = [_Queue(getattr(module, name)) for module, name in _TASKS]
    _active = True
    try:
        with ExitStack() as patches:
            for (module, name), queue in zip(_TASKS, queues, strict=True):
                patches.enter_context(mock.patch.object(module, name, queue))
            yield
    finally:
        _active = False
    # Only after a block that finished: a failed build has nothing worth indexing.
    for queue in queues:
        queue.run()
