"""The home page's "Coming up" list with nothing planned: its calm words are kept until an
event is published, which shows on the very next request (the page cache is off in the
tests). The list with events in it is in test_next_events_kept.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.events import factories

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + timedelta(days=1)


def coming_up(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="upcoming-heading"') : html.index('id="stories-heading"')]


def test_with_nothing_planned_the_calm_words_stay_until_an_event_is_published(client):
    index = factories.site_with_index()
    assert "No events are listed yet" in coming_up(client)

    factories.event(index, title="First walk", slug="walk", start_date=TOMORROW)

    html = coming_up(client)
    assert "First walk" in html and "No events are listed yet" not in html
