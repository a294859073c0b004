"""The IANA time-zone names this server knows, read once per process.

``zoneinfo.available_timezones()`` walks the whole zone database on each call (about 28 ms
here), and an event's validation, its admin form and every import ask for the list.
"""

from functools import cache
from zoneinfo import available_timezones


@cache
def known_time_zones():
    """Every zone name, as a frozenset (UTC included even where tzdata leaves it out)."""
    return frozenset(available_timezones()) | {"UTC"}


@cache
def sorted_time_zones():
    return tuple(sorted(known_time_zones()))
