"""A campaign's programme is the campaign: its dates, weekly runs folded, a link to the rest."""

from datetime import date, time

import pytest

from events.calendar.services import programme
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_campaign():
    index = factories.site_with_index()
    page = factories.campaign(index, start_date=date(2027, 5, 1), end_date=date(2027, 5, 31))
    factories.event(page, title="Opening walk", slug="walk", start_date=date(2027, 5, 2))
    factories.event(page, title="Autumn talk", slug="talk", start_date=date(2026, 11, 10))
    factories.event(
        page,
        title="Tuesday circle",
        slug="circle",
        start_date=date(2027, 3, 2),  # a Tuesday; meets every week until October
        start_time=time(18, 30),
        end_time=time(20, 0),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_until=date(2027, 10, 26),
    )
    return page


# The campaign and its events, built once for the module: each test reads its own copy and
# its writes are undone.
campaign_rows = module_rows(_build_campaign)


@pytest.fixture
def campaign(campaign_rows, db):
    return fresh(campaign_rows)


def test_programme_is_bounded_to_the_campaign_dates(campaign):
    shown = programme.campaign_programme(campaign, today=date(2027, 5, 1))

    assert [day.date for day in shown.days] == [date(2027, 5, 2)]
    assert [o.event.title for day in shown.days for o in day.occurrences] == ["Opening walk"]
    # Tuesdays in May 2027: 4, 11, 18, 25 (one run, not four cards)
    assert [run.summary for run in shown.runs] == ["Every Tuesday, 18:30\u201320:00, 4 meetings"]
    # 1 talk in November + the circle's 35 Tuesdays from March to October, less May's 4
    assert shown.outside_count == 1 + 35 - 4
    assert shown.all_url == "/whats-on/?campaign=mham-2027"


def test_day_headings_carry_the_year_when_it_is_not_this_year(campaign):
    assert programme.campaign_programme(campaign, today=date(2026, 12, 1)).with_year
    assert not programme.campaign_programme(campaign, today=date(2027, 5, 1)).with_year


def test_campaign_page_shows_only_its_dates_and_links_to_the_rest(client, campaign):
    html = client.get(campaign.url).content.decode()

    assert "Sunday 2 May 2027" in html or "Sunday 2 May<" in html
    assert "November" not in html
    assert "Every Tuesday, 18:30\u201320:00, 4 meetings" in html
    assert 'href="/whats-on/?campaign=mham-2027"' in html
    assert html.count("Tuesday circle") <= 2
