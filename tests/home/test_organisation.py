"""The organisation's name (site settings) signs mails, is their From name, titles the admin
and names the calendars; the demo admin has an address, so staff notices reach var/mail/."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import Site

from campaign import organisation
from events.bookings.services import booking, mail, roster_messages
from events.models import Shift
from events.outbox.services import outbox
from home import demo
from home.mail import comment_moderation_message, send
from home.models import SiteSettings
from home.services import comments
from tests.events import factories
from tests.events.booking_factories import make_bookable

pytestmark = pytest.mark.django_db
NAME = "Riverside Recovery Network"


@pytest.fixture
def named():
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = NAME
    site_settings.save()
    yield
    organisation.forget()


def test_without_site_settings_the_name_is_wagtail_site_name(settings):
    settings.WAGTAIL_SITE_NAME = "Somewhere"
    SiteSettings.objects.all().delete()  # the starting tree has the site's rows
    organisation.forget()
    assert organisation.organisation_name() == "Somewhere"


def test_booking_mail_comes_from_and_is_signed_by_the_organisation(named, settings):
    settings.DEFAULT_FROM_EMAIL = "Tapestry <noreply@riverside.example>"
    shift = make_bookable(capacity=1, title="Welcome desk")
    booking.sign_up(shift.pk, name="Sam Lee", email="sam@example.org")
    outbox.send_many(outbox.sweep(), mail.compose)

    [message] = django_mail.outbox
    assert message.from_email == f"{NAME} <noreply@riverside.example>"
    assert NAME in message.body and "Tapestry" not in message.body
    assert f"<title>{NAME}</title>" in message.alternatives[0][0]


def test_a_coordinators_message_carries_the_reply_to_they_chose():
    shift = Shift.objects.get(event=factories.event(shifts=[factories.shift(requirements="")]))
    booking.sign_up(shift.pk, name="Sam Lee", email="sam@example.org")
    outbox.send_many(outbox.sweep(), mail.compose)
    django_mail.outbox.clear()

    roster_messages.message_shift(
        shift.pk, "Parking", "Use the back gate.", sender="Jo", reply_to="jo@riverside.example"
    )
    outbox.send_many(outbox.sweep(), mail.compose)

    [message] = django_mail.outbox
    assert message.reply_to == ["jo@riverside.example"]
    assert message.message()["Reply-To"] == "jo@riverside.example"


def test_a_changed_name_shows_in_the_next_mail(named):
    assert organisation.organisation_name() == NAME
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Eastfield Friends"
    site_settings.save()
    assert organisation.organisation_name() == "Eastfield Friends"


def test_site_calendar_and_admin_carry_the_name(named, client, admin_client):
    feed = Calendar.from_ical(client.get("/calendar.ics").content)
    assert str(feed["X-WR-CALNAME"]) == f"{NAME}: all events"
    selected = Calendar.from_ical(client.get("/calendar.ics?mode=online").content)
    assert str(selected["X-WR-CALNAME"]) == f"{NAME}: selected events"
    assert f"Sign in to {NAME}" in client.get("/admin/login/").content.decode()
    assert f"- {NAME}</title>" in admin_client.get("/admin/").content.decode()


@pytest.mark.slow(reason="loads the demo itself (about 13 s)")
def test_demo_admin_gets_the_moderation_notice_in_the_mail(settings):
    settings.DEBUG = True  # load_demo makes an admin only in development
    call_command(
        "load_demo", admin_user="admin", admin_password="a-long-demo-password", stdout=StringIO()
    )
    admin = get_user_model().objects.get(username="admin")
    assert admin.email == demo.ADMIN_EMAIL
    assert Site.objects.get(is_default_site=True).site_name == NAME

    assert admin in comments.moderators()

    send(comment_moderation_message(new=1, pending=1, queue_url="x"), [admin.email], about="t")
    outbox.send_many(outbox.sweep(), mail.compose)
    [message] = [sent for sent in django_mail.outbox if sent.to == [demo.ADMIN_EMAIL]]
    assert message.subject.startswith(f"[{NAME}]")
