"""The partner index and a partner's page: public events only, a feed, flat query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db


def test_a_partner_page_shows_who_they_are_and_their_upcoming_events(client, coalition):
    response = client.get("/partners/kindred/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Kindred Peer Support" in html
    assert '<a href="/partners/">Partners</a>' in html
    # Co-hosted events count as theirs; the campaign team's own talk does not.
    assert "Reading for wellbeing" in html
    assert "Mindful walk" in html
    assert "Campaign team talk" not in html
    assert (
        '<link rel="alternate" type="text/calendar" href="/calendar/partners/kindred.ics"' in html
    )


def test_the_page_shows_description_and_website(client, coalition):
    html = client.get("/partners/hollin-lane-library/").content.decode()

    assert "quiet rooms and a wellbeing shelf" in html
    assert 'href="https://library.example/"' in html
    assert "Reading for wellbeing" in html
    assert "Mindful walk" not in html


def test_unknown_partner_is_not_found(client, coalition):
    assert client.get("/partners/nobody/").status_code == 404
    assert client.get("/calendar/partners/nobody.ics").status_code == 404


def test_draft_private_and_past_events_stay_off_the_partner_page(client, coalition):
    from wagtail.models import PageViewRestriction

    index = coalition["index"]
    peers = coalition["peers"]
    soon = timezone.localdate() + timedelta(days=3)
    draft = factories.event(index, title="Draft gathering", slug="draft", publish=False)
    draft.co_hosts.add(peers)
    draft.save_revision()
    hidden = factories.event(index, title="Members only", slug="members", organiser=peers)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    factories.event(
        index,
        title="Last year's fair",
        slug="fair",
        organiser=peers,
        start_date=timezone.localdate() - timedelta(days=30),
    )
    factories.event(index, title="Coming soon", slug="soon", organiser=peers, start_date=soon)

    html = client.get("/partners/kindred/").content.decode()

    assert "Coming soon" in html
    for title in ("Draft gathering", "Members only", "Last year&#x27;s fair"):
        assert title not in html


def test_the_index_lists_partners_with_upcoming_events(client, coalition):
    html = client.get("/partners/").content.decode()

    assert "<title>Partners" in html
    for name in ("Hollin Lane Library", "Kindred Peer Support", "Council Wellbeing Team"):
        assert name in html
    assert html.count("Kindred Peer Support") == 1  # once, though it co-hosts two events
    assert "Quiet Partner" not in html


def test_the_partner_feed_holds_its_events(client, coalition):
    response = client.get("/calendar/partners/kindred.ics")

    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    titles = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert titles == ["Mindful walk", "Reading for wellbeing"]
    assert str(calendar["X-WR-CALNAME"]) == "Kindred Peer Support"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_counts_stay_flat(client, coalition, django_assert_max_num_queries):
    from events.models import EventPage

    index = coalition["index"]
    peers = coalition["peers"]
    start = timezone.localdate() + timedelta(days=10)
    urls = ["/partners/", "/partners/kindred/", f"{index.url}?partner=kindred"]

    def add(count, prefix):
        factories.many_events(index, count, start=start, prefix=prefix)
        through = EventPage.co_hosts.through
        through.objects.bulk_create(
            through(eventpage=page, partner=peers)
            for page in EventPage.objects.filter(slug__startswith=prefix)
        )
        EventPage.objects.filter(slug__startswith=prefix).update(organiser=coalition["council"])

    add(2, "small")
    small = {url: count_queries(client, url) for url in urls}
    add(18, "big")
    assert Occurrence.objects.filter(event__slug__startswith="big").count() == 18
    assert peers.co_hosted_events.count() == 22
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            count_queries(client, url)


def test_the_sitemap_names_the_partner_pages_the_index_lists(client, coalition):
    body = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/partners/</loc>" in body
    assert "http://testserver/partners/kindred/</loc>" in body
    assert "http://testserver/partners/hollin-lane-library/</loc>" in body
    # No upcoming events: not on the index, so not in the sitemap either.
    assert "/partners/quiet/" not in body
    # Wagtail's pages are still there.
    assert "http://testserver/whats-on/reading/</loc>" in body
