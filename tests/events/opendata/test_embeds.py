"""The embeddable calendar: framing headers, no cookies, the listing's filters, a flat
query count, month navigation, and the snippet on the subscribe page."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

EMBEDS = ["/embed/events/", "/embed/month/", "/embed/month/2027/5/"]


def directives(header):
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


# The tests without the programme come first: its rows stay until the module's last test.
def test_query_count_is_flat(client, django_assert_max_num_queries):
    index = factories.site_with_index()
    start = (timezone.localdate().replace(day=1) + timedelta(days=40)).replace(day=1)
    month = f"/embed/month/{start.year}/{start.month}/"

    factories.many_events(index, 2, start=start, prefix="small")
    counts = {}
    for path in ["/embed/events/", month]:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        counts[path] = len(context.captured_queries)

    factories.many_events(index, 18, start=start, prefix="big")
    for path, count in counts.items():
        with django_assert_max_num_queries(count):
            html = client.get(path).content.decode()
        assert "big" in html, path


def test_the_subscribe_page_offers_the_snippet(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://tapestry.example/"

    html = client.get("/calendar/subscribe/").content.decode()

    assert "Put this calendar on your website" in html
    assert '<textarea id="embed-code" readonly' in html
    assert '&lt;iframe src="https://tapestry.example/embed/events/" title="Upcoming events"' in html
    assert 'height="600"' in html
    assert "https://tapestry.example/embed/month/" in html


def _build_programme():
    index = factories.site_with_index()
    workshop = factories.kind("Workshop")
    group = factories.kind("Support group", "support-group")
    factories.event(index, title="Art for calm", kind=workshop, start_date=date(2027, 5, 3))
    factories.event(index, title="Peer circle", kind=group, start_date=date(2027, 5, 5))
    return index


# Two published events, built once for the module's many cases.
programme_rows = module_rows(_build_programme)


@pytest.fixture
def programme(programme_rows, db):
    return fresh(programme_rows)


@pytest.mark.parametrize("path", EMBEDS)
def test_embeds_may_be_framed_by_any_site_by_default(programme, path):
    response = Client().get(path)

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response
    # The rest of the strict policy stays.
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_the_setting_names_the_sites_that_may_frame_embeds(programme, settings):
    settings.TAPESTRY_EMBED_FRAME_ANCESTORS = ["https://partner.example", "https://b.example"]

    response = Client().get("/embed/events/")

    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["https://partner.example", "https://b.example"]


def test_other_pages_stay_unframeable(programme):
    for path in [programme.url, "/calendar/subscribe/"]:
        response = Client().get(path)
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "DENY"
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] != ["*"]


@pytest.mark.parametrize(
    "query", ["", "?kind=workshop", "?mode=online&access=quiet_room", "?from_date=not-a-date"]
)
@pytest.mark.parametrize("path", EMBEDS)
def test_embeds_set_no_cookie(programme, path, query):
    response = Client().get(path + query)

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in str(response.serialize_headers())


def test_embeds_apply_the_listing_filters(programme):
    for path in ["/embed/events/", "/embed/month/2027/5/"]:
        html = Client().get(path, {"kind": "support-group"}).content.decode()
        assert "Peer circle" in html, path
        assert "Art for calm" not in html, path


def test_a_bad_filter_value_gets_a_calm_message(programme):
    response = Client().get("/embed/events/", {"from_date": "not-a-date", "kind": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "were not understood" in html
    assert "Peer circle" in html
    assert "were not understood" not in Client().get("/embed/events/").content.decode()


def test_embed_markup_is_minimal_and_links_open_on_our_site(programme):
    html = Client().get("/embed/events/", {"kind": "workshop"}).content.decode()

    assert "<script" not in html
    assert "<header" not in html and "<footer" not in html and "<nav" not in html
    assert '<time datetime="2027-05-03">' in html
    event = EventPage.objects.get(title="Art for calm")
    assert f'href="{event.url}' in html
    assert 'target="_top">Art for calm</a>' in html
    assert f'<a href="{programme.url}?kind=workshop" target="_top">See the full calendar' in html


def test_month_navigation_keeps_the_filters(programme):
    html = Client().get("/embed/month/2027/1/", {"kind": "workshop"}).content.decode()

    assert "Events in January 2027" in html
    assert 'href="/embed/month/2026/12/?kind=workshop"' in html
    assert 'href="/embed/month/2027/2/?kind=workshop"' in html
    assert f'href="{programme.url}month/2027/1/?kind=workshop" target="_top"' in html
    assert Client().get("/embed/month/2027/13/").status_code == 404
