"""Event and campaign pages list their soonest shifts and link to a page of them all when
there are more (issue 25): a page's work does not grow with the number of shifts."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.routes import SHIFTS_SHOWN
from tests.events import factories
from tests.events.bookings.test_volunteering_pages import add_shifts
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_campaign_event():
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    # Far enough ahead that every shift (add_shifts: from 2 May 2027) is still to come.
    event = factories.event(
        campaign, title="Opening walk", slug="walk", start_date=date(2027, 5, 2)
    )
    return campaign, event


# Built once for the module (every test here reads it); each test's shifts are undone.
campaign_event_rows = module_rows(_build_campaign_event)


@pytest.fixture
def campaign_event(campaign_event_rows, db):
    return fresh(campaign_event_rows)


def shift_cards(html):
    return re.findall(r'<h3 class="card__title">Steward (\d\d)', html)


def see_all(html):
    found = re.search(r'<p class="see-all"><a href="([^"]+)">See every shift', html)
    return found and found.group(1)


@pytest.mark.parametrize("page_of", ["event", "campaign"])
def test_more_shifts_than_shown_lists_the_soonest_and_links_to_all(client, campaign_event, page_of):
    campaign, event = campaign_event
    add_shifts(event, SHIFTS_SHOWN + 3)
    page = event if page_of == "event" else campaign

    html = client.get(page.url).content.decode()

    assert shift_cards(html) == [f"{n:02d}" for n in range(SHIFTS_SHOWN)]
    assert see_all(html) == page.url + "volunteer/"


@pytest.mark.parametrize("page_of", ["event", "campaign"])
def test_as_many_shifts_as_shown_lists_them_all_without_a_link(client, campaign_event, page_of):
    campaign, event = campaign_event
    add_shifts(event, SHIFTS_SHOWN)
    page = event if page_of == "event" else campaign

    html = client.get(page.url).content.decode()

    assert len(shift_cards(html)) == SHIFTS_SHOWN
    assert see_all(html) is None


@pytest.mark.parametrize("page_of", ["event", "campaign"])
def test_the_page_of_every_shift_goes_page_by_page(client, campaign_event, page_of):
    campaign, event = campaign_event
    add_shifts(event, 25)
    page = event if page_of == "event" else campaign
    url = page.url + "volunteer/"

    first = client.get(url).content.decode()
    second = client.get(url, {"page": "2"}).content.decode()
    bad = client.get(url, {"page": "abc"})
    beyond = client.get(url, {"page": "999"})

    assert "25 shifts found." in first and "Page 1 of 2" in first
    assert shift_cards(first) == [f"{n:02d}" for n in range(20)]
    assert shift_cards(second) == [f"{n:02d}" for n in range(20, 25)]
    assert 'aria-label="Pages of shifts"' in second and 'aria-current="page"' in second
    assert f'href="{page.url}"' in first  # the way back
    assert bad.status_code == 200 and beyond.status_code == 200
    assert shift_cards(beyond.content.decode()) == shift_cards(second)


def test_the_campaign_lists_only_shifts_people_can_sign_up_for(client, campaign_event):
    campaign, event = campaign_event
    add_shifts(event, 2, opens_at=timezone.now() + timedelta(days=1))
    add_shifts(event, 1, start=2)

    html = client.get(campaign.url).content.decode()
    every = client.get(campaign.url + "volunteer/").content.decode()

    assert shift_cards(html) == ["02"] and shift_cards(every) == ["02"]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("shown", ["event", "campaign", "event's shifts", "campaign's shifts"])
def test_each_card_is_read_whole_with_its_list(client, campaign_event, shown):
    """Cards read only the columns they show (shifts.CARD_FIELDS): a column left out but
    shown would be read card by card, a query each."""
    campaign, event = campaign_event
    page = event if shown.startswith("event") else campaign
    url = page.url + ("volunteer/" if shown.endswith("shifts") else "")
    add_shifts(event, 2, description="Bring water")
    client.get(url)
    few = queries_for(client, url)

    add_shifts(event, 20, start=2, description="Bring water")
    client.get(url)

    assert queries_for(client, url) == few
