"""The demo has partners that organise and co-host events, and loads twice unchanged."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from events.models import EventPage, Partner

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow(reason="loads the demo itself: the loader is what it tests (15-20 s a test)"),
]


def test_demo_partners_host_events_and_load_twice_unchanged(client):
    call_command("load_demo", stdout=StringIO())

    library = Partner.objects.get(slug="riverside-town-library")
    peers = Partner.objects.get(slug="open-door-peer-support")
    assert Partner.objects.count() == 3
    assert library.organised_events.live().in_source_language().count() == 3
    assert peers.co_hosted_events.live().in_source_language().count() == 3
    writing = EventPage.objects.get(slug="writing-for-wellbeing")
    assert list(writing.co_hosts.all()) == [peers]

    html = client.get(writing.url).content.decode()
    assert 'href="/partners/riverside-town-library/"' in html
    assert 'href="/partners/open-door-peer-support/"' in html
    assert library.contact_email not in html
    assert client.get("/partners/riverside-town-library/").status_code == 200

    revisions = Revision.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Revision.objects.count() == revisions
    assert "partner" not in out.getvalue().lower()
