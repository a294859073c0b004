"""Independent calendar readers, each turned to the same shape for comparison.

Every reader gives a sorted list of ``Seen(uid, summary, start, status)`` for the
occurrences between two instants, ``start`` as an aware datetime (or a date for all-day
entries). ``ical.js`` runs under Node (what Thunderbird uses); the Python ones are
icalendar + recurring-ical-events, vobject, and the strict ``ical`` package.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject

HERE = Path(__file__).parent


@dataclass(frozen=True, order=True)
class Seen:
    start: object
    uid: str
    summary: str
    status: str


def _key(value):
    """Dates and datetimes compare as UTC instants (a date as its midnight UTC)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _sorted(items):
    return sorted(items, key=lambda s: (_key(s.start), s.uid, s.summary))


def need_node():
    """Skip without Node and `npm ci` in tests/interop; required in CI."""
    problem = None
    if shutil.which("node") is None:
        problem = "node is not installed"
    elif not (HERE / "node_modules" / "ical.js").exists():
        problem = "ical.js is not installed: run `npm ci` in tests/interop"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)


def icaljs_raw(body, start, end):
    need_node()
    result = subprocess.run(
        ["node", str(HERE / "expand.mjs"), _js_time(start), _js_time(end)],
        input=body,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def _js_time(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def icaljs(body, start, end):
    seen = []
    for item in icaljs_raw(body, start, end)["occurrences"]:
        if item["utc"] is None:
            when = date.fromisoformat(item["local"][:10])
        else:
            when = datetime.fromtimestamp(item["utc"], UTC)
        seen.append(Seen(when, item["uid"], item["summary"], item["status"] or ""))
    return _sorted(seen)


def recurring(body, start, end):
    calendar = icalendar.Calendar.from_ical(body)
    seen = [
        Seen(
            component.decoded("DTSTART"),
            str(component["UID"]),
            str(component["SUMMARY"]),
            str(component.get("STATUS", "")),
        )
        for component in recurring_ical_events.of(calendar).between(start, end)
    ]
    return _sorted(seen)


def with_vobject(body, start, end):
    calendar = vobject.readOne(body.decode("utf-8"))
    seen = []
    for vevent in getattr(calendar, "vevent_list", []):
        if hasattr(vevent, "recurrence_id"):
            continue  # the series' own rruleset does not apply overrides; handled below
        rules = vevent.getrruleset(addRDate=True)
        status = vevent.status.value if hasattr(vevent, "status") else ""
        if rules is None:
            starts = [vevent.dtstart.value]
        else:
            starts = list(
                rules.between(
                    _naive_or_aware(start, vevent), _naive_or_aware(end, vevent), inc=True
                )
            )
        # With pytz zones dateutil matches EXDATEs at the wrong offset: apply them here.
        skipped = {
            _key(_wall(value))
            for exdate in vevent.contents.get("exdate", [])
            for value in exdate.value
        }
        for when in starts:
            if _key(_wall(when)) in skipped:
                continue
            seen.append(Seen(_wall(when), vevent.uid.value, vevent.summary.value, status))
    # vobject gives the series; replace overridden meetings by their RECURRENCE-ID entry.
    overrides = [v for v in getattr(calendar, "vevent_list", []) if hasattr(v, "recurrence_id")]
    replaced = {(v.uid.value, _key(v.recurrence_id.value)) for v in overrides}
    seen = [s for s in seen if (s.uid, _key(s.start)) not in replaced]
    for vevent in overrides:
        when = vevent.dtstart.value
        if _key(start) <= _key(when) < _key(end):
            status = vevent.status.value if hasattr(vevent, "status") else ""
            seen.append(Seen(when, vevent.uid.value, vevent.summary.value, status))
    seen = [s for s in seen if _key(start) <= _key(s.start) < _key(end)]
    return _sorted(seen)


def _wall(value):
    """vobject hands pytz zones to dateutil, which keeps the first offset for every
    repeat: put each wall-clock time back into its zone as pytz wants."""
    zone = getattr(value, "tzinfo", None)
    if zone is not None and hasattr(zone, "localize"):
        return zone.localize(value.replace(tzinfo=None))
    return value


def _naive_or_aware(value, vevent):
    start = vevent.dtstart.value
    if isinstance(start, datetime) and start.tzinfo is not None:
        return value
    if isinstance(start, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def strict(body, start, end):
    """The ``ical`` package: strict validation on parse, then its own timeline."""
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    seen = []
    for event in calendar.timeline_tz(ZoneInfo("UTC")).overlapping(start, end):
        status = event.status.value if event.status else ""
        seen.append(Seen(event.dtstart, event.uid, event.summary or "", status))
    return _sorted(seen)


READERS = {
    "ical.js": icaljs,
    "recurring-ical-events": recurring,
    "vobject": with_vobject,
    "ical": strict,
}


def _libical_missing():
    if shutil.which("gcc") is None or shutil.which("pkg-config") is None:
        return "gcc and pkg-config are needed to build the libical check"
    found = subprocess.run(["pkg-config", "--exists", "libical"], check=False)
    if found.returncode != 0:
        return "libical-dev is not installed"
    return None


def build_itip_checker(directory):
    """Compile the libical iTIP check; returns a function body -> list of problems."""
    problem = _libical_missing()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    binary = Path(directory) / "itip_check"
    flags = subprocess.run(
        ["pkg-config", "--cflags", "--libs", "libical"], capture_output=True, text=True, check=True
    ).stdout.split()
    subprocess.run(
        ["gcc", "-o", str(binary), str(HERE / "itip_check.c"), *flags],
        check=True,
        capture_output=True,
    )

    def problems(body):
        result = subprocess.run(
            [str(binary)], input=body, capture_output=True, check=False, timeout=60
        )
        found = [line for line in result.stdout.decode().splitlines() if line]
        if result.returncode != 0 and not found:
            found = [f"exit {result.returncode}"]
        return found

    return problems
