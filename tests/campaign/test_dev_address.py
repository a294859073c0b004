"""In development one address, from PORT unless TAPESTRY_BASE_URL is set, serves mail links,
calendar files, feeds and the Wagtail Site record (`make run PORT=8080`)."""

from io import StringIO

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import Site

from events.bookings.services import booking, mail
from events.models import EventPage
from events.outbox.services import outbox
from tests.events.booking_factories import make_bookable

PORT_8080 = "http://127.0.0.1:8080"


def test_the_development_address_follows_port_unless_a_base_url_is_given(dev_setting):
    def dev_base_url(**variables):
        return dev_setting("WAGTAILADMIN_BASE_URL", **variables)

    assert dev_base_url(PORT="8080") == PORT_8080
    assert dev_base_url(PORT="8080", HOST="0.0.0.0") == PORT_8080  # noqa: S104
    assert (
        dev_base_url(PORT="8080", TAPESTRY_BASE_URL="https://demo.example/")
        == "https://demo.example"
    )


@pytest.fixture
def port_8080(settings):
    """The settings `make run PORT=8080` gives (shown above), with the link cache emptied."""
    settings.WAGTAILADMIN_BASE_URL = PORT_8080
    mail._link_prefix.cache_clear()
    yield
    mail._link_prefix.cache_clear()


@pytest.mark.django_db
def test_mail_links_and_the_calendar_file_use_port_8080(port_8080):
    shift = make_bookable(capacity=2, title="Welcome desk")
    signed = booking.sign_up(shift.pk, name="Sam Lee", email="sam@example.org")
    booking.confirm(signed.booking.pk)
    ids = outbox.sweep()
    outbox.send_many(ids, mail.compose)

    links = [
        word
        for message in django_mail.outbox
        for word in message.body.split()
        if word.startswith("http")
    ]
    assert links and all(link.startswith(PORT_8080 + "/") for link in links), links
    invite = next(
        content
        for message in django_mail.outbox
        for name, content, _ in message.attachments
        if name == "invite.ics"
    )
    [event] = Calendar.from_ical(invite).walk("VEVENT")
    assert str(event["URL"]).startswith(PORT_8080)


@pytest.mark.slow(reason="loads the demo itself (about 14 s)")
@pytest.mark.django_db
def test_load_demo_writes_the_address_into_the_site_record_and_feeds(port_8080, client):
    call_command("load_demo", stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8080)
    assert site.root_url == PORT_8080
    event = EventPage.objects.live().first()
    assert event.get_full_url().startswith(PORT_8080 + "/")
    feed = client.get("/calendar.ics")
    urls = [str(vevent["URL"]) for vevent in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert urls and all(url.startswith(PORT_8080 + "/") for url in urls), urls[:3]
