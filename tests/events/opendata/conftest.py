"""Builders for the meeting-feed tests: support groups of every shape."""

import json
from datetime import date, time

import pytest

from tests.events import factories


def support_group(**fields):
    """A weekly support group (Tuesdays 18:30-20:00 London) unless told otherwise."""
    values = {
        "title": "Tuesday peer support group",
        "summary": "A weekly group for anyone living with anxiety or low mood.",
        "kind": factories.kind("Support-group meeting", "support-group"),
        "start_date": date(2027, 3, 16),
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "repeat": "WEEKLY",
        "repeat_weekdays": "TU",
        "repeat_until": date(2027, 12, 28),
    }
    values.update(fields)
    return factories.event(**values)


@pytest.fixture
def get_feed(client):
    """GET /meetings.json and return the parsed array (after checking it answered 200)."""

    def get(**headers):
        response = client.get("/meetings.json", **headers)
        assert response.status_code == 200, response.status_code
        return json.loads(response.content)

    return get
