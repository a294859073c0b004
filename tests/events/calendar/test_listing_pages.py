"""The events list's pages: pagination that keeps filters, the month grid, and query
budgets that do not grow with events. Each test builds its own events."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.calendar.services import listing
from events.models import EventPage, Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db


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
