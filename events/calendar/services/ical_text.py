"""iCalendar text every feed and download shares: the calendar header, VTIMEZONE blocks
and editor text made safe as a TEXT value."""

from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from icalendar import Calendar, Timezone
from icalendar.prop import vDuration, vText

PRODID = "-//Tapestry//Community events//EN"
END = b"END:VCALENDAR\r\n"
# A fixed range keeps VTIMEZONE bytes identical from build to build.
TZ_FIRST = datetime(2020, 1, 1)
TZ_LAST = datetime(2040, 1, 1)


def refresh_interval():
    return timedelta(seconds=getattr(settings, "TAPESTRY_FEED_REFRESH_SECONDS", 3600))


@lru_cache(maxsize=64)
def vtimezone(tzid):
    """The VTIMEZONE component for an IANA zone (cached: it is slow to build).

    icalendar lists a rule's yearly changes as one comma-separated RDATE. That is legal,
    but ical.js (Thunderbird) reads only the first value of each RDATE line and then puts
    every later summer an hour out, so each change gets its own RDATE line.
    """
    zone = Timezone.from_tzid(tzid, first_date=TZ_FIRST, last_date=TZ_LAST)
    for rule in zone.subcomponents:
        rdates = rule.pop("RDATE", None)
        if rdates is None:
            continue
        for value in rdates if isinstance(rdates, list) else [rdates]:
            for date_time in value.dts:
                rule.add("rdate", date_time.dt)
    return zone


@lru_cache(maxsize=64)
def vtimezone_bytes(tzid):
    return vtimezone(tzid).to_ical()


# RFC 5545 (3.3.11) allows no control characters in TEXT but HTAB and the (escaped)
# newline; a paste from a word processor can carry others (vertical tab, form feed),
# which strict readers refuse. Every editor-typed value goes through here.
_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), *range(127, 160)])


def plain(text):
    """Editor text as a calendar TEXT value may carry it: line ends as newlines, no other
    control characters."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def new_calendar(name, description):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: a subscription feed is a plain calendar (RFC 5545), not an iTIP message.
    # METHOD:PUBLISH would require an ORGANIZER on every entry (RFC 5546), naming someone
    # as organiser of every community event, and buys nothing: no client acts on it.
    # icalendar does not know these as TEXT and would write them unescaped (a newline in
    # an editor's summary made the feed fail): say so, and the library escapes them.
    calendar.add("name", vText(plain(name)))
    calendar.add("x-wr-calname", vText(plain(name)))
    calendar.add("x-wr-caldesc", vText(plain(description)))
    interval = refresh_interval()
    calendar.add("refresh-interval", vDuration(interval), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(interval))
    return calendar
