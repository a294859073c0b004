"""Event pages name their organiser and co-hosts, in words and in JSON-LD."""

import json
import re

import pytest

from tests.events.partners.conftest import CONTACT_EMAIL, CONTACT_NAME

pytestmark = pytest.mark.django_db


def jsonld_of(response):
    (script,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(script)


def hosts_line(response):
    (line,) = re.findall(r'<dd class="event__hosts">(.*?)</dd>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def test_organiser_and_co_hosts_are_named_and_linked(client, coalition):
    response = client.get(coalition["reading"].url)

    assert response.status_code == 200
    assert hosts_line(response) == (
        "Hollin Lane Library with Council Wellbeing Team and Kindred Peer Support"
    )
    html = response.content.decode()
    for slug in ("hollin-lane-library", "council", "kindred"):
        assert f'href="/partners/{slug}/"' in html


def test_without_organiser_the_campaign_team_runs_it(client, coalition):
    assert hosts_line(client.get(coalition["plain"].url)) == "Tapestry"
    assert hosts_line(client.get(coalition["walk"].url)) == ("Tapestry with Kindred Peer Support")


def test_a_logo_carries_its_alt_text(client, coalition, settings, tmp_path):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path / "media"  # the logo and its renditions, not the work tree

    library = coalition["library"]
    library.logo = Image.objects.create(
        title="logo", description="Hollin Lane Library logo", file=get_test_image_file()
    )
    library.save()

    html = client.get(coalition["reading"].url).content.decode()

    assert re.search(r'<img [^>]*alt="Hollin Lane Library logo"', html)


def test_jsonld_lists_every_organiser(client, coalition):
    data = jsonld_of(client.get(coalition["reading"].url))

    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "Hollin Lane Library",
            "url": "http://testserver/partners/hollin-lane-library/",
            "sameAs": "https://library.example/",
        },
        {
            "@type": "Organization",
            "name": "Council Wellbeing Team",
            "url": "http://testserver/partners/council/",
        },
        {
            "@type": "Organization",
            "name": "Kindred Peer Support",
            "url": "http://testserver/partners/kindred/",
        },
    ]


def test_jsonld_of_a_campaign_team_event_is_one_organisation(client, coalition):
    data = jsonld_of(client.get(coalition["plain"].url))

    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Tapestry",
        "url": "http://testserver/",
    }


def test_occurrence_pages_name_the_hosts_too(client, coalition):
    from tests.events import factories

    group = factories.event(
        coalition["index"],
        title="Weekly circle",
        slug="circle",
        repeat="WEEKLY",
        repeat_count=3,
        organiser=coalition["peers"],
    )
    occurrence = group.occurrences.order_by("start").first()

    response = client.get(group.url + f"occurrences/{occurrence.key}/")

    assert hosts_line(response) == "Kindred Peer Support"
    assert jsonld_of(response)["organizer"]["name"] == "Kindred Peer Support"


def public_outputs(client, coalition):
    reading = coalition["reading"]
    urls = [
        reading.url,
        coalition["walk"].url,
        "/partners/",
        "/partners/hollin-lane-library/",
        "/partners/kindred/",
        "/calendar/partners/hollin-lane-library.ics",
        "/calendar.ics",
        f"/calendar/events/{reading.pk}.ics",
        "/api/v1/occurrences/",
        f"/api/v2/pages/{reading.pk}/",
        coalition["index"].url,
    ]
    return {url: client.get(url) for url in urls}


def test_the_private_contact_is_never_public(client, coalition):
    for url, response in public_outputs(client, coalition).items():
        assert response.status_code == 200, url
        body = response.content.decode()
        assert CONTACT_EMAIL not in body, url
        assert CONTACT_NAME not in body, url


def test_control_the_contact_check_finds_a_contact_when_shown(client, coalition, admin_client):
    """The check above can fail: the same search finds the contact where it is shown."""
    from events.models import Partner

    edit = admin_client.get(f"/admin/snippets/events/partner/edit/{coalition['library'].pk}/")
    assert CONTACT_EMAIL in edit.content.decode()
    assert CONTACT_NAME in edit.content.decode()
    assert Partner.objects.filter(contact_email=CONTACT_EMAIL).count() == 2
