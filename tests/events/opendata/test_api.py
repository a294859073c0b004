"""The read-only JSON API: /api/v1/occurrences/ and Wagtail's /api/v2/pages/ (what one default
event shows is in test_api_one_event.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from events.calendar.models import EventPage
from events.opendata.services.occurrences import PAGE_SIZE
from tests.events import factories
from tests.events.private_group import SECRET_LINK, SECRET_NOTES, SECRETS, private_support_group

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


def test_preflight_and_other_methods(client):
    preflight = client.options(URL, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(URL).status_code == 405, method


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
    client.get(URL)  # warm: the site and what is kept under the editorial stamp
    with django_assert_max_num_queries(8) as few:
        assert len(client.get(URL).json()["results"]) == 2
    budget = len(few.captured_queries)  # counted now: the next request empties the log
    make(18)
    client.get(URL)  # warm again: publishing replaced the editorial stamp
    with django_assert_max_num_queries(budget):
        assert len(client.get(URL).json()["results"]) == 20


# Wagtail's pages API ------------------------------------------------------------------------

PAGES = "/api/v2/pages/"


def test_pages_api_lists_events_with_public_fields(client):
    campaign = factories.campaign()
    event = factories.event(campaign, campaign=campaign)

    listing = client.get(PAGES + "?type=events.EventPage&fields=summary,start_date")
    assert listing.status_code == 200
    [item] = listing.json()["items"]
    assert item["id"] == event.pk
    assert item["title"] == event.title
    assert item["summary"] == event.summary
    assert item["start_date"] == "2027-05-04"
    detail = client.get(f"{PAGES}{event.pk}/").json()
    assert detail["time_zone"] == "Europe/London"
    assert "join_url" not in detail
    assert "venue" not in detail
    campaigns = client.get(PAGES + "?type=events.CampaignPage&fields=start_date,end_date")
    assert [item["id"] for item in campaigns.json()["items"]] == [campaign.pk]


def test_pages_api_query_count_does_not_grow(client, django_assert_max_num_queries):
    index = factories.site_with_index()
    url = PAGES + "?type=events.EventPage&fields=summary,start_date,starts_at,status&limit=20"

    def make(first, count):
        for number in range(first, first + count):
            factories.event(index, title=f"Event {number}", slug=f"event-{number}")

    make(0, 2)
    client.get(url)  # warm Wagtail's site cache
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(url).json()["items"]) == 2
    make(2, 18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["items"]) == 20


def test_pages_api_leaves_out_restricted_pages(client):
    from wagtail.models import PageViewRestriction

    shown = factories.event(title="Open day")
    hidden = factories.event(title="Members evening")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")

    ids = [item["id"] for item in client.get(PAGES + "?type=events.EventPage").json()["items"]]
    assert ids == [shown.pk]
    assert client.get(f"{PAGES}{hidden.pk}/").status_code == 404


# The privacy proof: every URL, every documented parameter, no secret ---------------------


@pytest.fixture
def group():
    return private_support_group(registration_notes=SECRET_NOTES)[2]


def api_urls(event):
    day = timezone.localdate() + timedelta(days=2)
    occurrences = "/api/v1/occurrences/"
    v1 = [
        occurrences,
        f"{occurrences}?from={day:%Y-%m-%d}",
        f"{occurrences}?to={day + timedelta(days=30):%Y-%m-%d}",
        f"{occurrences}?kind=support-group",
        f"{occurrences}?mode=online",
        f"{occurrences}?mode=in_person",
        f"{occurrences}?mode=hybrid",
        f"{occurrences}?access=step_free",
        f"{occurrences}?campaign={event.campaign.slug}",
        f"{occurrences}?page=1",
        f"{occurrences}?page=2",
        f"{occurrences}?from=2027-13-45",
    ]
    pages = "/api/v2/pages/"
    detail = f"{pages}{event.pk}/"
    names = [field.name for field in EventPage._meta.get_fields()]
    v2 = [
        pages,
        f"{pages}?fields=*",
        f"{pages}?type=events.EventPage&fields=*",
        f"{pages}?type=events.EventPage&fields=_,title,summary,start_date",
        f"{pages}?search=Hidden",
        f"{pages}?search=support",
        f"{pages}?type=events.EventPage&search=Larch",
        f"{pages}?type=events.EventPage&join_url={SECRET_LINK}",
        f"{pages}?type=events.EventPage&order=join_url",
        detail,
        f"{detail}?fields=*",
        *[f"{pages}?type=events.EventPage&fields={name}" for name in names],
        *[f"{detail}?fields={name}" for name in names],
    ]
    return v1 + v2


@pytest.mark.slow(
    reason="asks every API address for every field of an event (about 200 requests, 2 s)"
)
def test_private_details_appear_in_no_api_response(client, group):
    seen = set()
    for url in api_urls(group):
        response = client.get(url)
        assert response.status_code in (200, 400), url
        seen.add(response.status_code)
        body = response.content.decode()
        for secret in [*SECRETS, SECRET_NOTES]:
            assert secret not in body, f"{secret!r} leaked in {url}"
    assert seen == {200, 400}


def test_the_api_still_says_where_roughly(client, group):
    [first, *_] = client.get("/api/v1/occurrences/").json()["results"]

    assert first["place"] == {
        "area": "Riverside north",
        "private": True,
        "access_features": first["place"]["access_features"],
    }
    assert first["join_url"] is None
