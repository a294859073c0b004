"""The listing filter's choices are remembered between views, and an editor's change shows
on the very next view (control: without the signals in events.signals the old names stay)."""

import pytest
from django.core.cache import cache

from events.models import CampaignPage, EventIndexPage, EventKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_for_module, db, settings):
    settings.MEDIA_ROOT = demo_for_module
    cache.clear()


def listing(client):
    return client.get(EventIndexPage.objects.live().first().url).content.decode()


def test_a_renamed_kind_is_offered_under_its_new_name_at_once(client, demo):
    kind = EventKind.objects.order_by("pk").first()
    assert f">{kind.name}</option>" in listing(client)
    listing(client)  # the choices are remembered now
    old_name, kind.name = kind.name, "Walk and talk"
    kind.save()
    page = listing(client)
    assert ">Walk and talk</option>" in page
    assert f">{old_name}</option>" not in page


def test_an_unpublished_campaign_is_no_longer_offered(client, demo):
    campaign = CampaignPage.objects.live().in_source_language().first()
    assert f'value="{campaign.slug}"' in listing(client)
    campaign.unpublish()
    assert f'value="{campaign.slug}"' not in listing(client)
