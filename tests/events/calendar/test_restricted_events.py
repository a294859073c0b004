"""An event behind a view restriction (password, login or group, on it or on an ancestor)
is not public: the lists, month view and campaign programme leave it out, like the feeds."""

import pytest
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage
from tests.events import factories

pytestmark = pytest.mark.django_db

SECRET = "Committee planning evening"


@pytest.fixture
def restricted_and_open():
    index = factories.site_with_index()
    open_event = factories.event(index, title="Open art afternoon")
    hidden = factories.event(index, title=SECRET)
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    return index, open_event


def test_lists_and_month_view_leave_restricted_events_out(client, restricted_and_open):
    index, open_event = restricted_and_open
    start = open_event.start_date

    pages = {
        "upcoming": client.get(index.url),
        "month": client.get(f"{index.url}month/{start.year}/{start.month}/"),
    }

    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "Open art afternoon" in html, name
        assert SECRET not in html, name


def test_an_ancestor_restriction_hides_the_events_below_it(client):
    index = factories.site_with_index()
    campaign = factories.campaign(index, title="Members' week")
    factories.event(campaign, title=SECRET)
    PageViewRestriction.objects.create(page=campaign, restriction_type="login")

    html = client.get(EventIndexPage.objects.get(pk=index.pk).url).content.decode()

    assert SECRET not in html
