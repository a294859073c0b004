"""What every page reads and editors rarely change, read once and kept under one stamp.

Each public page asked the database for the same things on every request: which site it
is on, the site's settings, which pages carry a view restriction, the pages on the way to
it with the menu and language versions beside them. They change only when an editor
changes a page (publishes, unpublishes, moves, saves or deletes one), a site, a setting, a
view restriction, a locale, a kind, a partner, a venue or an image. Each of those replaces the stamp
(``renew``, wired in ``events.signals``) now and again when its transaction commits, so a
value read in between, before the change was visible, is never kept under the new stamp.

A kept value is looked up by the stamp in force, which is read from the shared cache once
per request: a change on one web node is seen by all of them on their next request. When
the shared cache is away each request gets a stamp of its own, so nothing kept is used:
slower, never stale.
"""

import functools
import math
import pickle
import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction

from campaign.cache_keys import shared_key
from events.core.services import request_memo

STAMP_KEY = shared_key("editorial-stamp")
# Stamps for what changes without an editor, each kept beside the editorial one by what
# depends on it (``kept_here(..., also=(...))``): "places", what bookings change (places
# left, a shift leaving a list when it fills), replaced whenever a seat or a capacity
# changes (``renew_places``); "comments", what moderators change (approved comments and
# their counts), replaced whenever a comment is moderated, edited or deleted
# (``renew_comments``). All are read in the same round trip to the shared cache.
PLACES_KEY = shared_key("places-stamp")
COMMENTS_KEY = shared_key("comments-stamp")
ALSO = {"places": PLACES_KEY, "comments": COMMENTS_KEY}
# A kept value outlives many requests; a new stamp leaves the old ones to age out.
SHARED_SECONDS = 24 * 60 * 60
# Kept in each process, in rooms of their own so that one cannot crowd out another: a few
# values per site (sites, settings, restrictions, site root paths), the routes of the
# addresses asked for most lately and the pages they reach (the demo's pickle to 2 KB
# on average, 7.6 KB at most), lists of shifts (one per filter and page asked for) and
# the volunteering page's list as drawn from them,
# whether an events list's query filters it, and copies of the few values kept in the
# shared cache.
# Anyone can ask for any address, so the routes are bounded here rather than kept in the
# shared cache, where made-up addresses would pile up.
LOCAL_LIMITS = {
    "site": 64,
    "routes": 1000,
    "pages": 300,
    "shifts": 500,
    # Lists drawn whole from a page of shifts (the volunteering page's, 20 cards: about
    # 15 kB each), one per query asked for.
    "lists": 200,
    # An event's, a meeting's or a campaign's "Volunteer" section (up to 12 cards, empty
    # for most events), one per page shown.
    "sections": 1000,
    # A page's address in each language (home.services.translations), one per address.
    "languages": 1000,
    "filters": 500,
    "shared": 64,
}

_local = {room: OrderedDict() for room in LOCAL_LIMITS}
_local_lock = threading.Lock()


def current():
    """The stamp in force, read once per request."""
    return _stamps()[STAMP_KEY]


def _stamps():
    return request_memo.remember("stamps", _read)


def _read():
    keys = [STAMP_KEY, *ALSO.values()]
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            found[key] = uuid.uuid4().hex
            cache.set(key, found[key], None)
    return found


def renew(*args, **kwargs):
    """An editorial change: a new stamp now, and another once the change commits (a
    value read before the commit was kept under the first one and is not used again)."""
    _replace()
    transaction.on_commit(_replace)


def renew_places(*args, **kwargs):
    """A change to who holds a seat, or to how many there are: as ``renew``, for the
    places stamp."""
    _renew_also(PLACES_KEY)


def renew_comments(*args, **kwargs):
    """A comment moderated, edited or deleted: as ``renew``, for the comments stamp."""
    _renew_also(COMMENTS_KEY)


def _renew_also(key):
    _set(key)
    transaction.on_commit(functools.partial(_set, key))


def _replace():
    _set(STAMP_KEY)


def _set(key):
    stamp = uuid.uuid4().hex
    cache.set(key, stamp, None)
    stamps = request_memo.recall("stamps")
    if stamps is not None:  # this request sees its own change
        request_memo.keep("stamps", {**stamps, key: stamp})


def kept_here(name, compute, room="site", *, also=()):
    """``compute()`` kept in this process under the stamp (and the stamps named in
    ``also`` too: "places", "comments"), in ``room`` (the least lately used value leaves
    a full room). The value is stored pickled and each caller gets its own copy: model
    instances are never shared between requests or threads."""
    stamp = _stamp(also)
    kept = _local[room]
    with _local_lock:
        found = kept.get(name)
        if found is not None:
            kept.move_to_end(name)
    if found is not None and found[0] == stamp:
        return pickle.loads(found[1])  # noqa: S301 - pickled by this process just now
    value = compute()
    _keep_here(room, name, stamp, value)
    return value


def keep_here(name, value, room="site", *, also=()):
    """Keep ``value`` as ``kept_here(name, ...)`` would have, under the stamp in force: for
    values read along with another one."""
    _keep_here(room, name, _stamp(also), value)


def _stamp(also):
    if not also:
        return current()
    stamps = _stamps()
    return (stamps[STAMP_KEY], *(stamps[ALSO[name]] for name in also))


def _keep_here(room, name, stamp, value):
    kept = _local[room]
    with _local_lock:
        kept[name] = (stamp, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        kept.move_to_end(name)
        while len(kept) > LOCAL_LIMITS[room]:
            kept.popitem(last=False)


def kept_shared(name, compute):
    """``compute()`` kept in the shared cache under the stamp: every process and node
    reads the same copy, and each process then keeps its own (``kept_here``), which saves
    a round trip to the cache per use. Only for names from a small set (never one per
    address)."""
    key = f"tapestry:kept:{current()}:{name}"

    def shared():
        found = cache.get(key)
        if found is None:
            found = (compute(),)  # in a tuple: None is a value worth keeping too
            cache.set(key, found, SHARED_SECONDS)
        return found

    return kept_here(key, shared, room="shared")[0]


def kept_shared_until(name, compute, now):
    """As ``kept_shared``, for a value that also changes with the clock: ``compute()``
    returns (value, until), and the value answers for moments from ``now`` (when it was
    computed) to ``until`` (None: no end but the stamp's). An earlier moment is computed
    afresh: what held later may not have held then."""
    stamp = current()
    key = f"tapestry:kept:{stamp}:{name}"

    def shared():
        found = cache.get(key)
        if not _answers(found, now):
            value, until = compute()
            found = (now, until, value)
            cache.set(key, found, seconds_until(until, now, SHARED_SECONDS))
        return found

    found = kept_here(key, shared, room="shared")
    if not _answers(found, now):  # this process's copy no longer answers: the shared one may
        found = shared()
        _keep_here("shared", key, stamp, found)
    return found[2]


def kept_here_until(name, compute, now, room="site", *, also=()):
    """As ``kept_here``, for a value that also changes with the clock: ``compute()``
    returns (value, until), and the value answers for moments from ``now`` to ``until``
    (None: no end but the stamps'); an earlier or a later moment is computed afresh."""

    def read():
        value, until = compute()
        return now, until, value

    found = kept_here(name, read, room, also=also)
    if not _answers(found, now):
        found = read()
        keep_here(name, found, room, also=also)
    return found[2]


def _answers(found, now):
    """Whether ``found``, (since, until, value), answers for the moment ``now``."""
    return found is not None and found[0] <= now and (found[1] is None or now < found[1])


def seconds_until(until, now, longest):
    """How long to keep in the cache a value that stands until ``until`` (None: no end of
    its own), at most ``longest`` seconds and at least one."""
    if until is None:
        return longest
    return max(1, min(longest, math.ceil((until - now).total_seconds())))
