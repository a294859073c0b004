"""?partner=<slug> on the events list, the month view, the feeds and the occurrences API."""

import re

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def card_titles(response):
    html = response.content.decode()
    return sorted(re.findall(r'class="event-card__title"><a href="[^"]*">([^<]*)</a>', html))


def test_the_list_filters_by_organiser_or_co_host(client, coalition):
    url = coalition["index"].url

    assert card_titles(client.get(url + "?partner=kindred")) == [
        "Mindful walk",
        "Reading for wellbeing",
    ]
    assert card_titles(client.get(url + "?partner=hollin-lane-library")) == [
        "Reading for wellbeing"
    ]
    assert card_titles(client.get(url + "?partner=quiet")) == []
    assert len(card_titles(client.get(url))) == 3


def test_an_event_both_organised_and_co_hosted_is_listed_once(client, coalition):
    reading = coalition["reading"]
    reading.co_hosts.add(coalition["library"])
    reading.save_revision().publish()

    response = client.get(coalition["index"].url + "?partner=hollin-lane-library")

    assert card_titles(response) == ["Reading for wellbeing"]


def test_the_filter_form_offers_partners(client, coalition):
    html = client.get(coalition["index"].url + "?partner=kindred").content.decode()

    assert re.search(r'<label for="id_partner"[^>]*>Partner', html)
    assert '<option value="kindred" selected>Kindred Peer Support</option>' in html
    assert '<option value="quiet">Quiet Partner</option>' in html


def test_an_unknown_partner_is_reported_not_fatal(client, coalition):
    response = client.get(coalition["index"].url + "?partner=nobody")

    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()


def test_the_month_view_filters_too(client, coalition):
    start = coalition["walk"].occurrences.get().start
    url = f"{coalition['index'].url}month/{start.year}/{start.month}/"
    html = client.get(url + "?partner=hollin-lane-library").content.decode()

    assert "Reading for wellbeing" in html
    assert "Mindful walk" not in html


def test_a_partner_listing_advertises_the_partner_feed(client, coalition):
    html = client.get(coalition["index"].url + "?partner=kindred").content.decode()

    assert 'type="text/calendar" href="/calendar/partners/kindred.ics"' in html


def test_the_site_feed_takes_the_same_filter(client, coalition):
    response = client.get("/calendar.ics?partner=hollin-lane-library")

    titles = [
        str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert titles == ["Reading for wellbeing"]


def test_the_occurrences_api_takes_the_filter(client, coalition):
    data = client.get("/api/v1/occurrences/?partner=kindred").json()
    titles = sorted(item["title"] for item in data["results"])

    assert titles == ["Mindful walk", "Reading for wellbeing"]
    bad = client.get("/api/v1/occurrences/?partner=nobody")
    assert bad.status_code == 400
    assert bad.json()["fields"]["partner"]
