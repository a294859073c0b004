"""Fixtures the import tests share: a loopback calendar host."""

import pytest

from tests.events.imports.feed_server import FeedServer


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


def import_source(url="http://127.0.0.1:1/cal.ics", **fields):
    """An import source under the site's event index (untrusted unless asked)."""
    from events.imports.models import ImportSource
    from tests.events import factories

    values = {
        "name": f"Partner calendar {ImportSource.objects.count() + 1}",
        "url": url,
        "parent_page": factories.site_with_index(),
        "default_kind": factories.kind("Partner event", "partner-event"),
        "default_time_zone": "Europe/London",
    }
    values.update(fields)
    return ImportSource.objects.create(**values)


@pytest.fixture
def make_source(db):
    """``import_source`` for a test (it may also be built with a module's rows)."""
    return import_source
