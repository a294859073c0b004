"""The files that took longest in the last run go first, so that no worker waits at the end.

pytest-xdist hands each worker one file at a time (tests/support/xdist_order.py), in the
order of the collection. When the files at the end of that order are heavy, one worker
is still running the last of them while the other has nothing left: the run lasts as long
as the slower worker. Ordered heaviest first, the last files handed out are the small
ones, and both workers finish within a small file of each other.

A file's weight is the seconds its tests took in the last run that ran it (setup and
teardown included), kept in pytest's cache (`.pytest_cache`, ignored by git); a file no
run has timed yet goes first. Only whole files move, and before pytest-django sorts the
collection into database, transactional and other tests (a stable sort): each file's tests
keep their order, and every worker still runs database tests before transactional ones.
Without the cache (`-p no:cacheprovider`) the order is the collection's, as before.
"""

import pytest

CACHE_KEY = "tapestry/file-seconds"


def file_of(nodeid):
    return nodeid.split("::", 1)[0]


def heaviest_first(items, seconds):
    """Sort ``items`` in place by their file's ``seconds``, most first, untimed files before
    all; items of equal weight (a file's own tests above all) keep their order."""
    items.sort(key=lambda item: -seconds.get(file_of(item.nodeid), float("inf")))


class FileTimes:
    """Adds up each file's seconds from the reports and stores them when the run ends,
    over the stored figures of files this run did not time; figures of files no longer
    under ``root`` (renamed or deleted) are dropped."""

    def __init__(self, cache, root=None):
        self.cache = cache
        self.root = root
        self.seconds = {}

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report):
        path = file_of(report.nodeid)
        self.seconds[path] = self.seconds.get(path, 0.0) + report.duration

    @pytest.hookimpl
    def pytest_sessionfinish(self, session):
        if self.seconds:
            stored = self.cache.get(CACHE_KEY, {})
            stored.update({path: round(value, 3) for path, value in self.seconds.items()})
            if self.root is not None:
                stored = {path: value for path, value in stored.items() if self._exists(path)}
            self.cache.set(CACHE_KEY, stored)

    def _exists(self, path):
        return (self.root / path).is_file()


def register(config):
    """Record the files' times in the controlling process (the one that gets every
    worker's reports), if pytest's cache is on."""
    cache = getattr(config, "cache", None)
    if cache is not None and not hasattr(config, "workerinput"):
        config.pluginmanager.register(FileTimes(cache, config.rootpath), "tapestry-file-times")


def reorder(config, items):
    cache = getattr(config, "cache", None)
    if cache is not None:
        heaviest_first(items, cache.get(CACHE_KEY, {}))
