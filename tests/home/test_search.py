"""Site search: stories, articles, events and campaigns, and only what everyone may see."""

from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from home.services import search
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_site():
    index = factories.site_with_index()
    campaign = factories.campaign(index, theme="Small steps together")
    hidden_hall = factories.venue(
        name="Hidden Hall", area="Northside", address="7 Quietwater Close\nRiverside RV9 9ZZ"
    )
    factories.event(
        campaign,
        title="Hearing voices group",
        slug="voices",
        summary="A peer group for people who hear voices.",
        venue=hidden_hall,
        attendance_mode="hybrid",
        join_url="https://meet.example/secret-room-4821",
        address_after_registration=True,
        join_link_after_registration=True,
        registration_notes="Ring the buzzer marked Quietwater.",
        start_date=date(2027, 5, 6),
    )
    factories.event(index, title="Gardening for calm", slug="garden", start_date=date(2027, 5, 8))
    locked = factories.event(
        index, title="Gardening for staff", slug="staff-garden", start_date=date(2027, 5, 9)
    )
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="x")
    factories.event(index, title="Gardening draft", slug="draft", publish=False)
    return campaign


# Built (and indexed) once for the module: every test here searches the same pages.
site_rows = module_rows(_build_site)


@pytest.fixture
def site(site_rows, db):
    return fresh(site_rows)


def titles(query):
    return [result.title for result in search.search(query)]


def test_finds_events_and_campaigns_by_their_words(site):
    assert titles("voices") == ["Hearing voices group"]
    assert "Mental Health Awareness Month 2027" in titles("awareness")
    assert titles("") == []


def test_drafts_and_restricted_pages_are_not_found(site):
    assert titles("gardening") == ["Gardening for calm"]


@pytest.mark.parametrize("words", ["Quietwater", "secret-room-4821", "buzzer", "Hidden Hall"])
def test_private_details_of_a_support_group_are_never_searchable(site, words):
    assert titles(words) == []


def test_search_page_shows_results_without_private_details(client, site):
    html = client.get("/search/", {"q": "voices"}).content.decode()

    assert "Hearing voices group" in html and "1 result for" in html
    assert "Quietwater" not in html and "secret-room" not in html
    assert client.get("/search/", {"q": "nothing-like-this"}).status_code == 200
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200


def test_every_page_has_a_search_box_in_the_header(client, site):
    html = client.get("/").content.decode()
    header = html.split("<main")[0]

    assert 'role="search"' in header and 'action="/search/"' in header


def test_the_search_page_is_indexable_but_its_results_are_not(client, site):
    robots = '<meta name="robots" content="noindex">'
    assert robots not in client.get("/search/").content.decode()
    assert robots not in client.get("/search/", {"q": "  "}).content.decode()
    assert robots in client.get("/search/", {"q": "voices"}).content.decode()
