"""What search engines and link previews read: a description on every page, Open Graph on
the home and index pages, Article JSON-LD on stories and a complete Event JSON-LD."""

import json
import re

import pytest
from django.urls import reverse

from events.calendar.services.public import PublicPlace, _postal_address, language_code
from events.models import EventIndexPage, EventPage
from home.models import StoryIndexPage, StoryPage


def jsonld_of(response):
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(script) for script in scripts]


def meta(response, attribute, name):
    found = re.findall(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', response.content.decode()
    )
    return found


@pytest.mark.django_db
def test_descriptions_open_graph_and_structured_data(client, demo_content):
    events = EventIndexPage.objects.live().first()
    # An event the campaign team runs alone (partners' events list them as organizers too).
    free = (
        EventPage.objects.live()
        .filter(rrule="", cost="", organiser__isnull=True, co_hosts__isnull=True)
        .first()
    )
    story = StoryPage.objects.live().first()
    story_index = StoryIndexPage.objects.live().first()
    paths = {
        "home": "/",
        "stories": story_index.url,
        "events": events.url,
        "month": events.url + "month/",
        "story": story.url,
        "event": free.url,
        "privacy": "/privacy/",
        "resend-links": reverse("events:resend_links"),
    }
    responses = {name: client.get(path) for name, path in paths.items()}

    for name, response in responses.items():
        descriptions = meta(response, "name", "description")
        assert len(descriptions) == 1 and descriptions[0].strip(), name
    for name in ("home", "stories", "events", "month", "story", "event"):
        assert meta(responses[name], "property", "og:title"), name
        assert len(meta(responses[name], "property", "og:url")) == 1, name

    (article,) = jsonld_of(responses["story"])
    assert article["@type"] == "Article"
    assert article["headline"] == story.title
    assert article["datePublished"] and article["author"]["name"]
    assert article["publisher"]["name"] == "Riverside Recovery Network"

    (event,) = jsonld_of(responses["event"])
    assert event["@type"] == "Event"
    assert event["inLanguage"] == "en"
    assert event["image"][0].startswith("http")
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Riverside Recovery Network",
        "url": "http://testserver/",
    }
    assert event["offers"]["price"] == 0 and event["offers"]["priceCurrency"] == "GBP"


def test_a_postal_address_is_split_into_its_parts():
    place = PublicPlace(
        private=False,
        name="Bandstand",
        area="Riverside Green",
        address_lines=["Bandstand", "Towpath Walk", "Riverside", "RV1 1AA"],
    )
    assert _postal_address(place) == {
        "streetAddress": "Towpath Walk",
        "addressLocality": "Riverside",
        "postalCode": "RV1 1AA",
    }


def test_languages_become_codes():
    assert language_code("English") == "en"
    assert language_code("Welsh") == "cy"
    assert language_code("fr") == "fr"
