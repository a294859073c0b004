"""The partner snippet: trust is per campaign, and events name organiser and co-hosts."""

import pytest

from events.models import Partner
from tests.events import factories

pytestmark = pytest.mark.django_db


def test_trust_is_given_per_campaign():
    spring = factories.campaign(title="Spring", slug="spring")
    autumn = factories.campaign(title="Autumn", slug="autumn")
    library = Partner.objects.create(name="Town Library", slug="town-library")
    library.trusted_campaigns.add(spring)
    library.save()

    assert library.is_trusted_for(spring)
    assert not library.is_trusted_for(autumn)
    assert not library.is_trusted_for(None)


def test_an_event_names_its_organiser_and_co_hosts():
    library = Partner.objects.create(name="Town Library", slug="town-library")
    peers = Partner.objects.create(name="Peer Support Circle", slug="peer-support")
    page = factories.event(title="Reading for wellbeing", organiser=library)
    page.co_hosts.add(peers)
    page.save_revision().publish()

    page.refresh_from_db()
    assert page.organiser == library
    assert list(page.co_hosts.all()) == [peers]
    assert list(library.organised_events.all()) == [page]
    assert list(peers.co_hosted_events.all()) == [page]
