"""/meetings.json caches like the other public feeds, and its cost does not grow."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events import factories
from tests.events.opendata.conftest import support_group

pytestmark = pytest.mark.django_db


def test_headers_etag_and_304(client):
    support_group()

    response = client.get("/meetings.json")

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    again = client.get("/meetings.json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"


def test_an_edit_changes_the_etag(client):
    group = support_group()
    etag = client.get("/meetings.json")["ETag"]

    factories.republish(group, title="Tuesday evening group")

    response = client.get("/meetings.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_only_reading_methods(client):
    assert client.head("/meetings.json").status_code == 200
    assert client.post("/meetings.json").status_code == 405


def _weekly_groups(count, prefix):
    index = factories.site_with_index()
    factories.many_events(
        index,
        count,
        start=date(2027, 5, 3),
        weekly_count=8,
        kinds=[factories.kind("Support-group meeting", "support-group")],
        prefix=prefix,
    )


def test_queries_do_not_grow_with_the_number_of_meetings(client, django_assert_max_num_queries):
    _weekly_groups(2, "few")
    client.get("/meetings.json")  # warm the site-root and organisation caches
    with CaptureQueriesContext(connection) as few:
        assert len(json.loads(client.get("/meetings.json").content)) == 2

    _weekly_groups(18, "more")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(json.loads(client.get("/meetings.json").content)) == 20
