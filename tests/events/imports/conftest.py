"""Fixtures the import tests share: a loopback calendar host."""

import pytest

from tests.events.imports.feed_server import FeedServer


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()
