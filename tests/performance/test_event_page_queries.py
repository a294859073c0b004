"""The events pages' share of issue 25: queries with the page cache off, flat in data size.

Counted as tests/performance/test_query_budgets.py counts them (its URLs, its growth). The
total includes the parts every page shares (routing, menu, settings, language links);
CEILINGS pin what the events pages make today so that a change cannot add queries
unnoticed, and every one is within the budget of a dozen.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.core.services import editorial_stamp
from events.models import EventPage
from events.sharing.services import share_card_store
from tests.performance.test_query_budgets import BUDGET, LARGE, grow, public_urls

PAGES = (
    "events list",
    "events list, filtered",
    "month",
    "campaign",
    "event",
    "occurrence",
    "volunteering",
)
# Measured after the events-side reductions (issue 25), shared parts included: one read
# of the view restrictions for both apps, routing through routable pages, an event read
# with its kind, venue, campaign, image and organiser, stories in two queries, language
# links from the route's query. Then (same issue) the site, its settings, the restricted
# paths, the route and the menu kept under the editorial stamp: counted here on a second
# view, as most views are.
CEILINGS = {
    "events list": 3,
    "events list, filtered": 4,
    "month": 3,
    "campaign": 7,
    "event": 6,
    "occurrence": 6,
    "volunteering": 3,
}
# Any read of view restrictions: Wagtail's own per-page lookup or the restricted paths.
RESTRICTIONS = '"wagtailcore_pageviewrestriction"'


@pytest.fixture
def demo(demo_for_module, db, settings):
    settings.MEDIA_ROOT = demo_for_module
    cache.clear()


def captured(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries]


def counts(client):
    urls = {name: url for name, url in public_urls().items() if name in PAGES}
    for url in urls.values():
        client.get(url)  # renditions, share cards and the like are made on a first view
    return {name: len(captured(client, url)) for name, url in urls.items()}


def test_each_page_reads_its_view_restrictions_once(client, demo):
    """Once per request after an editorial change, then not at all while the stamp
    stands (events.core.services.editorial_stamp)."""
    urls = public_urls()
    for name in PAGES:
        client.get(urls[name])
        editorial_stamp.renew()
        reads = [sql for sql in captured(client, urls[name]) if RESTRICTIONS in sql]
        # Control: with the per-page-object read (events) beside the per-request one
        # (home) the serve hook, the lists and the menu read them two or three times.
        assert len(reads) == 1, (name, reads)
        kept = [sql for sql in captured(client, urls[name]) if RESTRICTIONS in sql]
        assert kept == [], (name, kept)


def test_an_answer_nobody_read_is_asked_afresh(demo):
    """Only the serve hook's evaluated answer is kept: a restriction added after a mere
    "is it restricted?" counts at the next ask on the same page object."""
    event = EventPage.objects.live().exclude(rrule="").order_by("pk").first()
    assert not share_card_store.is_restricted(event)
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")
    assert share_card_store.is_restricted(event)


def test_events_pages_stay_flat_and_within_their_ceilings(client, demo):
    small = counts(client)
    grow(LARGE)
    large = counts(client)
    report = "\n".join(f"{name}: {small[name]} -> {large[name]}" for name in PAGES)
    print(report)
    assert all(large[name] <= small[name] for name in PAGES), report
    assert all(large[name] <= CEILINGS[name] for name in PAGES), report
    assert all(max(small[name], large[name]) <= BUDGET for name in PAGES), report
