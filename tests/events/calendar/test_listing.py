"""Filters with stable URLs, pagination, and query budgets that do not grow with events."""

import re
from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.calendar.services import listing
from events.models import EventPage, Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    index = factories.site_with_index()
    campaign = factories.campaign(index, start_date=date(2027, 5, 1))
    other = factories.campaign(index, title="Winter wellbeing", slug="winter")
    workshop = factories.kind("Workshop")
    group = factories.kind("Support group", "support-group")
    quiet = factories.venue(
        name="Quiet House", area="Westbank", quiet_room=True, step_free=False, hearing_loop=False
    )
    loop = factories.venue(name="Loop Hall", area="Eastfield", hearing_loop=True, step_free=True)
    events = {
        "art": factories.event(
            index,
            title="Art for calm",
            kind=workshop,
            venue=quiet,
            campaign=campaign,
            start_date=date(2027, 5, 3),
        ),
        "group": factories.event(
            index,
            title="Peer circle",
            kind=group,
            venue=loop,
            campaign=campaign,
            start_date=date(2027, 5, 5),
            summary="Talking together about anxiety.",
        ),
        "webinar": factories.event(
            index,
            title="Sleep webinar",
            kind=workshop,
            attendance_mode="online",
            join_url="https://meet.example/sleep",
            campaign=other,
            start_date=date(2027, 5, 20),
        ),
        "hybrid": factories.event(
            index,
            title="Hearing voices group",
            kind=group,
            venue=loop,
            attendance_mode="hybrid",
            join_url="https://meet.example/voices",
            start_date=date(2027, 5, 25),
        ),
    }
    return index, events


def titles(data):
    _filterset, queryset = listing.apply_filters(data)
    return [o.event.title for o in queryset]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, ["Art for calm", "Peer circle", "Sleep webinar", "Hearing voices group"]),
        ({"campaign": "mham-2027"}, ["Art for calm", "Peer circle"]),
        ({"kind": "support-group"}, ["Peer circle", "Hearing voices group"]),
        # Online means "I can join from home": a hybrid group counts, and counts in person too.
        ({"mode": "online"}, ["Sleep webinar", "Hearing voices group"]),
        ({"kind": "support-group", "mode": "online"}, ["Hearing voices group"]),
        ({"mode": "in_person"}, ["Art for calm", "Peer circle", "Hearing voices group"]),
        ({"mode": "hybrid"}, ["Hearing voices group"]),
        ({"mode": "in_person", "kind": "workshop"}, ["Art for calm"]),
        ({"access": ["quiet_room"]}, ["Art for calm"]),
        ({"access": ["hearing_loop", "step_free"]}, ["Peer circle", "Hearing voices group"]),
        ({"access": ["hearing_loop", "quiet_room"]}, []),
        ({"from_date": "2027-05-04"}, ["Peer circle", "Sleep webinar", "Hearing voices group"]),
        ({"to_date": "2027-05-05"}, ["Art for calm", "Peer circle"]),
        ({"from_date": "2027-05-04", "to_date": "2027-05-19"}, ["Peer circle"]),
        ({"q": "anxiety"}, ["Peer circle"]),
        ({"q": "SLEEP"}, ["Sleep webinar"]),
        ({"q": "eastfield"}, ["Peer circle", "Hearing voices group"]),
    ],
)
def test_filters(programme, data, expected):
    assert titles(data) == expected


def test_bad_filter_values_are_reported_not_fatal(client, programme, settings):
    index, _events = programme
    response = client.get(index.url, {"from_date": "not-a-date", "kind": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters could not be used" in html
    assert 'aria-describedby="id_from_date_error"' in html
    assert 'id="id_from_date_error"' in html


def test_filter_urls_are_stable_and_feed_links_follow_them(client, programme):
    index, _events = programme
    query = "kind=support-group&mode=in_person"

    html = client.get(f"{index.url}past/?{query}").content.decode()
    html_list = client.get(f"{index.url}?{query}").content.decode()

    assert f'href="/calendar.ics?{query.replace("&", "&amp;")}"' in html_list
    assert f'type="text/calendar" href="/calendar.ics?{query.replace("&", "&amp;")}"' in html
    assert f'href="{index.url}month/?{query.replace("&", "&amp;")}"' in html_list


def test_pagination_keeps_filters(client):
    index = factories.site_with_index()
    index.page_size = 5
    index.save_revision().publish()
    factories.many_events(index, 12, start=timezone.localdate() + timedelta(days=1))

    first = client.get(index.url, {"mode": "online"}).content.decode()
    second = client.get(index.url, {"mode": "online", "page": 2}).content.decode()

    # 4 online and 4 hybrid events can be joined from home: two pages, the filter kept.
    assert first.count("event-card__title") == 5
    assert "Generated event 1<" in first
    assert 'href="?mode=online&amp;page=2"' in first
    assert client.get(index.url, {"page": 3}).status_code == 200
    assert 'rel="next" href="?page=2"' in client.get(index.url).content.decode()
    assert second.count("event-card__title") == 3


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.slow
def test_query_count_does_not_grow_with_events(client, django_assert_max_num_queries):
    index = factories.site_with_index()
    future = (timezone.localdate().replace(day=1) + timedelta(days=40)).replace(day=1)
    past = (timezone.localdate().replace(day=1) - timedelta(days=70)).replace(day=1)
    campaign = factories.campaign(index, start_date=past, end_date=future + timedelta(days=30))
    urls = [
        index.url,
        f"{index.url}month/{future.year}/{future.month}/",
        f"{index.url}past/",
        campaign.url,
        "/",
    ]

    def add(count, prefix):
        factories.many_events(index, count, start=future, prefix=f"{prefix}f")
        factories.many_events(index, count, start=past, prefix=f"{prefix}p")
        EventPage.objects.update(campaign=campaign)

    add(5, "small")
    assert Occurrence.objects.count() == 10
    small = {url: count_queries(client, url) for url in urls}

    add(495, "big")
    assert Occurrence.objects.count() == 1000
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            count_queries(client, url)


def test_month_grid_shows_four_a_day_and_counts_the_rest(client):
    index = factories.site_with_index()
    day = date(2027, 5, 12)
    for number in range(6):
        factories.event(
            index,
            title=f"Busy {number}",
            slug=f"busy-{number}",
            start_date=day,
            start_time=time(9 + number, 0),
            end_time=time(10 + number, 0),
        )
    factories.event(index, title="Quiet day", slug="quiet", start_date=date(2027, 5, 13))

    weeks = listing.month_grid(listing.public_occurrences(), 2027, 5)
    cells = {cell.date: cell for week in weeks for cell in week}
    html = client.get(f"{index.url}month/2027/5/").content.decode()

    assert [o.event.title for o in cells[day].occurrences] == [f"Busy {n}" for n in range(4)]
    assert cells[day].more == 2
    assert cells[date(2027, 5, 13)].more == 0
    assert "2 more" in html and "from_date=2027-05-12" in html


def test_the_access_filter_is_a_labelled_group_of_checkboxes(client, programme):
    index, _events = programme

    html = client.get(index.url, {"access": ["step_free"]}).content.decode()

    group = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", html, re.S).group(1)
    assert re.search(r"<legend>[^<]*access", group, re.I)
    assert re.search(r'value="step_free"[^>]*checked', group)
    assert "(optional)" not in html
