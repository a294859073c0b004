"""Filters with stable URLs, read from one programme built once for the module (the
pagination, month grid and query budgets, which build their own, are in
test_listing_pages.py)."""

import re
from datetime import date

import pytest

from events.calendar.services import listing
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_programme():
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


# Six published pages, built once for the module's many filter cases.
programme_rows = module_rows(_build_programme)


@pytest.fixture
def programme(programme_rows, db):
    return fresh(programme_rows)


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


def test_the_access_filter_is_a_labelled_group_of_checkboxes(client, programme):
    index, _events = programme

    html = client.get(index.url, {"access": ["step_free"]}).content.decode()

    group = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", html, re.S).group(1)
    assert re.search(r"<legend>[^<]*access", group, re.I)
    assert re.search(r'value="step_free"[^>]*checked', group)
    assert "(optional)" not in html
