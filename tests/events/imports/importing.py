"""Helpers the import tests share: read a corpus file and make its event pages the way an
import would (parse, map, create and publish), so occurrences are materialised."""

from pathlib import Path

from events.imports.services.mapping import group_series, page_values
from events.imports.services.parsing import parse_feed
from tests.events import factories

CORPUS = Path(__file__).parent / "corpus"
DEFAULT_ZONE = "Europe/London"


def corpus_files():
    return sorted(CORPUS.glob("*.ics"))


def read(name, default_time_zone=DEFAULT_ZONE):
    return parse_feed((CORPUS / name).read_bytes(), default_time_zone=default_time_zone)


def series(calendar):
    return group_series(calendar.events)


def make_pages(calendar, parent=None):
    """One published EventPage per series; returns [(master, page)]."""
    kind = factories.kind("Partner event", "partner-event")
    made = []
    for index, (master, overrides) in enumerate(series(calendar)):
        values = page_values(master, overrides)
        page = factories.event(
            parent,
            slug=f"imported-{index}",
            kind=kind,
            attendance_mode="online",
            exceptions=values.exceptions,
            overrides=values.overrides,
            **values.fields,
        )
        made.append((master, page))
    return made
