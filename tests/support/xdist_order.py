"""A pytest-xdist scheduler that keeps each file's tests together without reordering them.

pytest-django sorts the collection as Django's runner does: database tests first, then
transactional ones, then tests without a database (which tests/support/early_template.py
then moves to the front: they touch no table). The order matters: a transactional
test's teardown empties every table, the rows the migrations made (Wagtail's locales,
sites and collections, the staff groups) included, and a database test after it would
find them gone. xdist's `loadfile` hands out whole files, biggest first, so a file holding
both kinds runs its transactional tests early and breaks the files after it.

Here a unit of work is a run of consecutive tests of one file in the sorted collection,
and units are handed out in collection order: each worker runs a subsequence of the
serial order, and a file whose tests the sort split apart is split the same way.
`tests/conftest.py` installs it for `--dist loadfile` (what the Makefile asks for).
"""

from xdist.scheduler import LoadFileScheduling


def _file_of(nodeid):
    return nodeid.split("::", 1)[0]


def file_runs(nodeids):
    """{nodeid: unit} where a unit is a run of consecutive nodeids from the same file."""
    units = {}
    previous, number = None, 0
    for nodeid in nodeids:
        path = _file_of(nodeid)
        if path != previous:
            number += 1
            previous = path
        units[nodeid] = f"{path}#{number}"
    return units


class SortedFileScheduling(LoadFileScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        # Hand units out in collection order, not biggest first.
        config.option.loadscopereorder = False
        self._units = None

    def schedule(self):
        if self._units is None and self.collection is None and self.registered_collections:
            collection = next(iter(self.registered_collections.values()))
            self._units = file_runs(collection)
        super().schedule()

    def _split_scope(self, nodeid):
        if self._units is None:  # before the collection is known
            return _file_of(nodeid)
        return self._units[nodeid]
