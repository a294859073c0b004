"""A checker for Meeting Guide (TSML) feed entries, written from the spec's field list.

code4recovery/spec: an array of meetings; ``name`` and ``slug`` required; ``day`` 0-6 (or
a list of them) and ``time`` HH:MM for weekly meetings; ``types`` from the reserved list;
``approximate`` "yes" or "no"; ``updated`` a UTC "YYYY-MM-DD HH:MM:SS"; URLs absolute;
text fields plain (no markup). Returns a list of problems; empty means the feed conforms.
"""

import re
from urllib.parse import urlsplit
from zoneinfo import available_timezones

# The reserved type codes of the spec's README and types list.
RESERVED_TYPES = {
    "11", "12x12", "A", "ABSI", "AF", "AL", "AL-AN", "AM", "AR", "ASL", "B", "BA", "BE", "BG",
    "BI", "BRK", "C", "CAN", "CF", "D", "DA", "DB", "DD", "DE", "DR", "EL", "EN", "FA", "FF",
    "FI", "FR", "G", "GR", "H", "HE", "HI", "HR", "HU", "IS", "ITA", "JA", "KA", "KOR", "L",
    "LGBTQ", "LIT", "LS", "LT", "M", "MED", "ML", "MT", "N", "NB", "NDG", "NE", "NL", "NO", "O",
    "OUT", "P", "POA", "POC", "POL", "POR", "PUN", "RUS", "S", "SEN", "SK", "SL", "SM", "SP",
    "ST", "SV", "T", "TC", "TH", "TL", "TR", "TUR", "UK", "W", "X", "XB", "XT", "Y",
}  # fmt: skip
PROPOSED_TYPES = {"BV-I", "D-HOH", "LO-I", "QSL", "RSL"}
# Extra codes this feed uses on purpose: the spec allows codes that are neither reserved
# nor proposed. ``ONL`` (online) is what TSML tools read.
EXTENSION_TYPES = {"ONL"}

STRING_FIELDS = {
    "name", "slug", "time", "end_time", "timezone", "formatted_address", "address", "city",
    "state", "postal_code", "country", "region", "sub_region", "conference_url",
    "conference_url_notes", "conference_phone", "conference_phone_notes", "notes",
    "location", "location_notes", "approximate", "updated", "group", "group_notes", "url",
    "edit_url", "feedback_url", "entity", "entity_email", "entity_location", "entity_logo",
    "entity_phone", "entity_website_url",
}  # fmt: skip
URL_FIELDS = {"conference_url", "url", "edit_url", "feedback_url", "entity_logo"}
PLAIN_FIELDS = {"name", "notes", "location", "location_notes", "group", "group_notes"}
KNOWN_FIELDS = STRING_FIELDS | {"day", "types", "latitude", "longitude", "regions"}
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
UPDATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
SLUG = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")


def _entry_problems(entry):
    problems = []
    for field in ("name", "slug"):
        if not entry.get(field):
            problems.append(f"{field} is required")
    unknown = set(entry) - KNOWN_FIELDS
    if unknown:
        problems.append(f"fields the spec does not name: {sorted(unknown)}")
    for field in STRING_FIELDS & set(entry):
        if not isinstance(entry[field], str):
            problems.append(f"{field} must be a string")
    if isinstance(entry.get("name"), str) and len(entry["name"]) > 255:
        problems.append("name is longer than 255 characters")
    if isinstance(entry.get("slug"), str) and not SLUG.match(entry["slug"]):
        problems.append(f"slug {entry['slug']!r} is not URL-safe or is too long")
    if "day" in entry or "time" in entry:
        days = entry.get("day")
        days = days if isinstance(days, list) else [days]
        if not days or any(type(d) is not int or not 0 <= d <= 6 for d in days):
            problems.append(f"day {entry.get('day')!r} is not 0-6")
        if not TIME.match(str(entry.get("time", ""))):
            problems.append(f"time {entry.get('time')!r} is not HH:MM")
    if "end_time" in entry and not TIME.match(str(entry["end_time"])):
        problems.append(f"end_time {entry['end_time']!r} is not HH:MM")
    if "timezone" in entry and entry["timezone"] not in available_timezones():
        problems.append(f"timezone {entry['timezone']!r} is not a tz database name")
    types = entry.get("types", [])
    if not isinstance(types, list):
        problems.append("types must be a list")
        types = []
    for code in types:
        if code in PROPOSED_TYPES or code not in RESERVED_TYPES | EXTENSION_TYPES:
            problems.append(f"type {code!r} is not one of the spec's codes")
    if "approximate" in entry and entry["approximate"] not in ("yes", "no"):
        problems.append("approximate must be 'yes' or 'no'")
    if "updated" in entry and not UPDATED.match(str(entry["updated"])):
        problems.append(f"updated {entry['updated']!r} is not YYYY-MM-DD HH:MM:SS")
    for field in ("latitude", "longitude"):
        if field in entry and type(entry[field]) not in (int, float):
            problems.append(f"{field} must be a number")
    for field in URL_FIELDS & set(entry):
        parts = urlsplit(str(entry[field]))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"{field} {entry[field]!r} is not an absolute URL")
    for field in PLAIN_FIELDS & set(entry):
        if MARKUP.search(str(entry[field])):
            problems.append(f"{field} carries markup")
    if "entity" not in entry and any(key.startswith("entity_") for key in entry):
        problems.append("entity is required with the other entity fields")
    return problems


def feed_problems(feed):
    """Every problem of a parsed feed, prefixed with the entry's slug."""
    if not isinstance(feed, list):
        return ["the feed must be a JSON array"]
    problems = []
    slugs = [entry.get("slug") for entry in feed if isinstance(entry, dict)]
    if len(slugs) != len(set(slugs)):
        problems.append("slugs are not unique")
    for entry in feed:
        if not isinstance(entry, dict):
            problems.append("every entry must be an object")
            continue
        problems += [f"{entry.get('slug')}: {p}" for p in _entry_problems(entry)]
    return problems
