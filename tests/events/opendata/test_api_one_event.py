"""The read-only JSON API (/api/v1/occurrences/ and Wagtail's /api/v2/pages/) with one
published event: headers, caching, refusals and restrictions. The tests that need other
events are in test_api.py."""

import pytest

from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

URL = "/api/v1/occurrences/"
PAGES = "/api/v2/pages/"

# One default event (tests/events/factories.event), built once for the module; each test's
# changes to it (a view restriction) are undone.
event_rows = module_rows(factories.event)


@pytest.fixture
def event(event_rows, db):
    return fresh(event_rows)


def test_headers_etag_304_and_cors(client, event):
    response = client.get(URL)

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.head(URL).status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2027-13-45", "from"),
        ("to=yesterday", "to"),
        ("mode=teleport", "mode"),
        ("kind=no-such-kind", "kind"),
        ("access=jetpack", "access"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=999999", "page"),
    ],
)
def test_bad_parameters_give_a_400_with_a_message(client, event, query, field):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["fields"][field]
    assert all(message for message in body["fields"][field])


def test_restricted_events_are_not_listed(client, event):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=event, restriction_type="login")

    assert client.get(URL).json()["count"] == 0


def test_pages_api_has_etag_304_caching_and_cors(client, event):
    for url in (PAGES + "?type=events.EventPage&fields=summary", f"{PAGES}{event.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "public, max-age=300"
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert again["ETag"] == response["ETag"]
        assert again["Access-Control-Allow-Origin"] == "*"
    refused = client.get(PAGES + "?type=events.EventPage&fields=join_url")
    assert refused.status_code == 400
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "ETag" not in refused


@pytest.mark.parametrize("field", ["join_url", "venue", "registration_notes", "body"])
def test_pages_api_refuses_private_fields(client, event, field):
    response = client.get(f"{PAGES}?type=events.EventPage&fields={field}")

    assert response.status_code == 400
    assert field in response.json()["message"]
