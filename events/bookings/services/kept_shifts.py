"""Lists of shift rows kept in each process while nothing they show can have changed.

A list of shifts (an event's, a meeting's, a campaign's, the volunteering page's) changes
when an editor publishes (shift rows are written then, and by the daily sync: both replace
the editorial stamp), when a seat or a capacity changes (the places stamp: every such
change locks its bookable through ``booking``, and saving or deleting a booking or a
bookable renews it too), and with the clock: a shift's sign-up opens or closes, or it ends
and leaves. So the rows are kept under both stamps, until the soonest of those moments
among the shifts the list is drawn from (any shift not yet open counts: it may join).
A kept list answers for moments from when it was read until then; an earlier moment is
read afresh, since what held later need not have held then.

Kept here, in the process (``editorial_stamp.kept_here``): one list per filter and page
asked for, bounded, each caller with its own copy of the rows.
"""

from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from events.bookings.models import Shift
from events.core.services import editorial_stamp, fragments, pagination


def rows(name, values, shifts, now, *, limit=None):
    """The first ``limit`` rows (all when None) of ``shifts()``, an ordered query of the
    list named ``name`` that ``values`` (with the stamps) decide. ``shifts`` is called
    only when the rows are read afresh: building the query is itself a cost."""
    return rows_until(name, values, shifts, now, limit=limit)[0]


def rows_until(name, values, shifts, now, *, limit=None):
    """(rows, until): ``rows()`` and the moment the clock next changes them (None: no such
    moment), for what is drawn from them and kept as long as they stand."""
    return _kept(f"{name}:rows", (*values, limit), lambda query: list(query[:limit]), shifts, now)


def page(name, values, shifts, number, per_page, now):
    """``pagination.get_page(shifts(), number, per_page)``, its rows and count kept."""
    return page_until(name, values, shifts, number, per_page, now)[0]


def page_until(name, values, shifts, number, per_page, now):
    """(page, until): ``page()`` and the moment the clock next changes it (None: no such
    moment), for what is drawn from the page and kept as long as it stands."""
    parts, until = _kept(
        f"{name}:page",
        (*values, number, per_page),
        lambda query: pagination.parts(pagination.get_page(query, number, per_page)),
        shifts,
        now,
    )
    return pagination.from_parts(*parts, per_page), until


def _kept(name, values, read, shifts, now):
    """(what ``read(shifts())`` returned, until): kept together."""

    def read_now():
        query = shifts()
        until = next_change(query, now)
        return (read(query), until), until

    key = fragments.key_for(f"shifts:{name}", values)
    return editorial_stamp.kept_here_until(key, read_now, now, room="shifts", also=("places",))


def next_change(shifts, now):
    """The soonest moment after ``now`` at which the clock changes a list drawn from
    ``shifts`` (unsliced): a shift in it opens, closes or ends, or any current shift not yet
    open opens (it may join a list of open shifts). None: no such moment. One query."""
    sign_up_ends = Coalesce("closes_at", "starts_at")
    listed = Q(pk__in=shifts.order_by().values("pk"))
    not_yet_open = Q(removed_at__isnull=True, opens_at__gt=now, ends_at__gt=now)
    moments = Shift.objects.filter(listed | not_yet_open).aggregate(
        ends=Min("ends_at", filter=listed & Q(ends_at__gt=now)),
        closes=Min(sign_up_ends, filter=listed & Q(GreaterThan(sign_up_ends, now))),
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
    )
    return min((moment for moment in moments.values() if moment is not None), default=None)
