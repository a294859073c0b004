"""The read-only JSON API: /api/v1/occurrences/ and Wagtail's /api/v2/pages/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from events.opendata.services.occurrences import PAGE_SIZE
from tests.events import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/occurrences/"


def test_item_fields(client):
    campaign = factories.campaign()
    event = factories.event(campaign, campaign=campaign, kind=factories.kind("Talk", "talk"))

    response = client.get(URL)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["next"] is None
    assert data["previous"] is None
    [item] = data["results"]
    assert item["event_id"] == event.pk
    assert item["title"] == "Calm breathing workshop"
    assert item["url"] == "http://testserver" + event.url
    assert item["start"] == "2027-05-04T18:30:00+01:00"
    assert item["end"] == "2027-05-04T20:00:00+01:00"
    assert item["time_zone"] == "Europe/London"
    assert item["all_day"] is False
    assert item["status"] == "scheduled"
    assert item["kind"] == "talk"
    assert item["attendance_mode"] == "in_person"
    assert item["campaign"] == campaign.slug
    assert item["place"]["name"] == "Willow Community Hall"
    assert item["join_url"] is None


def test_headers_etag_304_and_cors(client):
    factories.event()

    response = client.get(URL)

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.head(URL).status_code == 200


def test_preflight_and_other_methods(client):
    preflight = client.options(URL, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(URL).status_code == 405, method


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
def test_bad_parameters_give_a_400_with_a_message(client, query, field):
    factories.event()

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["fields"][field]
    assert all(message for message in body["fields"][field])


def test_filters_are_the_calendars(client):
    campaign = factories.campaign()
    factories.event(title="May talk", start_date=date(2027, 5, 4))
    factories.event(
        campaign,
        title="June call",
        campaign=campaign,
        start_date=date(2027, 6, 8),
        attendance_mode="online",
        join_url="https://meet.example/open",
        kind=factories.kind("Call", "call"),
    )

    def titles(query):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.content
        return [item["title"] for item in response.json()["results"]]

    assert titles("from=2027-06-01") == ["June call"]
    assert titles("to=2027-05-31") == ["May talk"]
    assert titles("kind=call") == ["June call"]
    assert titles("mode=online") == ["June call"]
    assert titles("mode=in_person") == ["May talk"]
    assert titles(f"campaign={campaign.slug}") == ["June call"]
    assert titles("access=step_free") == ["May talk"]


def test_pages_link_to_each_other(client):
    index = factories.site_with_index()
    factories.event(
        index,
        start_date=date(2027, 1, 1),
        repeat="DAILY",
        repeat_count=PAGE_SIZE + 3,
    )

    first = client.get(URL + "?kind=workshop").json()
    assert first["count"] == PAGE_SIZE + 3
    assert len(first["results"]) == PAGE_SIZE
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/occurrences/?kind=workshop&page=2"
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 3
    assert second["next"] is None
    assert second["previous"].endswith("page=1")


def test_query_count_does_not_grow(client, django_assert_max_num_queries):
    index = factories.site_with_index()
    start = timezone.localdate() + timedelta(days=3)

    def make(count):
        for number in range(count):
            factories.event(index, title=f"Event {number}", start_date=start)

    make(2)
    client.get(URL)  # warm Wagtail's site cache
    with django_assert_max_num_queries(8) as few:
        assert len(client.get(URL).json()["results"]) == 2
    make(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["results"]) == 20


def test_restricted_events_are_not_listed(client):
    from wagtail.models import PageViewRestriction

    event = factories.event()
    PageViewRestriction.objects.create(page=event, restriction_type="login")

    assert client.get(URL).json()["count"] == 0
