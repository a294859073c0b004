"""A small coalition: a library that organises, a charity that co-hosts, a quiet partner."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Partner
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

CONTACT_NAME = "Morwenna Private-Contact"
CONTACT_EMAIL = "morwenna.contact@library.example"


def _build_coalition():
    index = factories.site_with_index()
    library = Partner.objects.create(
        name="Hollin Lane Library",
        slug="hollin-lane-library",
        website="https://library.example/",
        description="The town library: quiet rooms and a wellbeing shelf.",
        contact_name=CONTACT_NAME,
        contact_email=CONTACT_EMAIL,
    )
    peers = Partner.objects.create(
        name="Kindred Peer Support", slug="kindred", contact_email=CONTACT_EMAIL
    )
    council = Partner.objects.create(name="Council Wellbeing Team", slug="council")
    quiet = Partner.objects.create(name="Quiet Partner", slug="quiet")
    soon = timezone.localdate() + timedelta(days=5)
    # The co-hosts go in with the page, published once (not added and published again).
    reading = factories.event(
        index,
        title="Reading for wellbeing",
        slug="reading",
        start_date=soon,
        organiser=library,
        co_hosts=[peers, council],
    )
    walk = factories.event(
        index,
        title="Mindful walk",
        slug="walk",
        start_date=soon + timedelta(days=1),
        co_hosts=[peers],
    )
    plain = factories.event(
        index, title="Campaign team talk", slug="talk", start_date=soon + timedelta(days=2)
    )
    return {
        "index": index,
        "library": library,
        "peers": peers,
        "council": council,
        "quiet": quiet,
        "reading": reading,
        "walk": walk,
        "plain": plain,
    }


# Three published events and four partners, built once for each module that asks (every
# test in the partners' page, filter and host modules does).
coalition_rows = module_rows(_build_coalition)


@pytest.fixture
def coalition(coalition_rows, db):
    return fresh(coalition_rows)
