"""What feeds point to: the configured site address, never the host a request came in on."""

from datetime import date, time

import icalendar
import pytest
from django.test import override_settings

from tests.events import factories

pytestmark = pytest.mark.django_db


@override_settings(WAGTAILADMIN_BASE_URL="https://riverside.example")
def test_feed_links_use_the_configured_site_address(client):
    event = factories.event(
        title="Open day",
        slug="open-day",
        start_date=date(2027, 6, 5),
        start_time=time(10, 0),
        end_time=time(12, 0),
    )

    for url in ("/calendar.ics", f"/calendar/events/{event.pk}.ics"):
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["URL"]) == "https://riverside.example/whats-on/open-day/"
        assert "https://riverside.example/whats-on/open-day/" in str(vevent["DESCRIPTION"])
        assert "localhost" not in client.get(url).content.decode()
