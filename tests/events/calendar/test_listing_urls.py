"""A listing addresses each event once, and reads Wagtail's site root paths once a request.

Every card links to its occurrence, and an occurrence's address is its event's address
(plus the occurrence key for a series); Wagtail computes a page's address from the site
root paths, which it keeps in the shared cache and, without a request, on each page
instance. A month of a weekly series would otherwise compute the same address once a card
and read the cache once an event.
"""

from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import Site

from events.calendar.services import listing
from events.core.services import editorial_stamp
from events.models import EventPage, Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    index = factories.site_with_index()
    factories.many_events(index, 6, start=timezone.localdate(), weekly_count=5, prefix="series")
    return index


def counting(target, name):
    original = getattr(target, name)
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    return mock.patch.object(target, name, wrapper), calls


def test_each_event_is_addressed_once_however_many_of_its_occurrences_are_listed(index):
    occurrences = Occurrence.objects.select_related("event").order_by("start", "pk")
    expected = {
        item.pk: EventPage.objects.get(pk=item.event_id).get_occurrence_url(item)
        for item in occurrences
    }
    events = {item.event_id for item in occurrences}
    assert len(expected) > len(events)  # a series lists several occurrences of one event

    patch, calls = counting(EventPage, "get_url")
    with patch:
        items = listing.with_urls(occurrences)

    assert {item.pk: item.url for item in items} == expected
    assert len(calls) == len(events)


def test_a_listing_reads_the_site_root_paths_once_a_request(client, index):
    """Each list drawn afresh (the editorial stamp replaced before each request, as an
    editor's change would: a list kept from before reads none)."""
    patch, calls = counting(Site, "get_site_root_paths")
    client.get(index.url)  # the first request after a change may also fill the cache
    with patch:
        editorial_stamp.renew()
        response = client.get(index.url)
        assert response.status_code == 200
        assert response.content.count(b'class="event-card"') > 6
        first = len(calls)
        editorial_stamp.renew()
        client.get(index.url + "month/")

    assert first == 1
    assert len(calls) == 2
