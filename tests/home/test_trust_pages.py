"""The privacy notice and accessibility statement: editable pages the demo places, chosen in
the site settings, linked from every page's footer and next to every consent box."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from events.models import EventPage, Shift
from home.models import ContentPage, SiteSettings


@pytest.fixture
def demo(demo_for_module, db, settings):
    """The demo, loaded once for this module; what each test writes is undone after it."""
    settings.MEDIA_ROOT = demo_for_module
    cache.clear()
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def footer_of(response):
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_demo_places_both_pages_and_chooses_them_in_the_settings(demo):
    assert demo.privacy_page.specific_class is ContentPage
    assert demo.privacy_page.live and demo.accessibility_page.live
    assert {demo.privacy_page.url, demo.accessibility_page.url} == {
        "/privacy/",
        "/accessibility/",
    }


def test_the_privacy_notice_states_the_periods_the_retention_service_uses(demo, client, settings):
    text = text_of(client.get(demo.privacy_page.url))
    assert f"{settings.TAPESTRY_RETENTION_DAYS} days after the last shift or event" in text
    assert f"stop working after {settings.TAPESTRY_LINK_MAX_AGE_DAYS} days" in text
    for heading in ("What we keep", "Who sees it", "How long we keep it", "How to delete"):
        assert heading in text


def test_the_notice_follows_a_changed_retention_period(demo, client, settings):
    settings.TAPESTRY_RETENTION_DAYS = 30
    call_command("load_demo", stdout=io.StringIO())
    text = text_of(client.get(demo.privacy_page.url))
    assert "until 30 days after the last shift or event" in text


def test_the_accessibility_statement_has_the_usual_sections(demo, client):
    text = text_of(client.get(demo.accessibility_page.url))
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in text


def test_every_page_footer_links_both(demo, client):
    for path in ("/", "/stories/", reverse("events:resend_links"), "/no-such-page/"):
        footer = footer_of(client.get(path))
        assert 'href="/privacy/"' in footer, path
        assert 'href="/accessibility/"' in footer, path


def test_no_link_when_the_page_is_unpublished_or_not_chosen(demo, client):
    demo.privacy_page.specific.unpublish()
    demo.accessibility_page = None
    demo.save()
    footer = footer_of(client.get("/"))
    assert "/privacy/" not in footer and "/accessibility/" not in footer


def consent_block(response):
    """The form field wrapper holding the consent box."""
    html = response.content.decode()
    start = html.rindex('<div class="field', 0, html.index('name="consent"'))
    return html[start : html.index("</div>", start)]


def test_every_consent_box_has_the_privacy_notice_beside_it(demo, client):
    shift = Shift.objects.select_related("event").first()
    registrable = [
        page.url + "register/"
        for page in EventPage.objects.live()
        if client.get(page.url + "register/").status_code == 200
    ]
    assert registrable, "the demo has an event open for registration"
    paths = [
        reverse("home:share_story"),
        shift.event.url + f"volunteer/{shift.pk}/",
        registrable[0],
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'href="/privacy/"' in consent_block(response), path
