"""Proof that "shared after registration" means it: crawl every public URL of the demo site
as an anonymous visitor and find the private join link and address in none of them; then
find them in a registered attendee's confirmation mail and calendar file."""

import html
import re
from collections import deque
from urllib.parse import quote, quote_plus, urldefrag, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Page

from events import demo
from events.bookings.services import booking as booking_service
from events.bookings.services import links, mail, registrations
from events.models import EventPage, OutboxMessage, Registration, Shift

pytestmark = pytest.mark.django_db

PRIVATE_ADDRESS = "4 Orchard Row"  # the Fernside Centre, where both support groups meet
SECRETS = [
    demo.TUESDAY_JOIN_URL,
    "tuesday-group-room-4821",
    "riverside-recovery.example/circle",  # the men's circle link, also private
    PRIVATE_ADDRESS,
    "RV3 7QT",
    "Larch Room",
]
# Never crawled: the admin, and pages that need a token from a mail (not public).
SKIP = ("/admin/", "/documents/", "/bookings/confirm/", "/static/", "/media/")
LIMIT = 3000
TEXTUAL = ("text/", "application/json", "application/rss", "application/atom", "application/xml")
FIRST_MONTH, LAST_MONTH = (2026, 1), (2027, 12)  # every month with a demo meeting


def _forms(secret):
    """The secret as it could appear in a body: raw, URL-encoded, JSON- or iCal-escaped."""
    return {secret, quote(secret, safe=""), quote_plus(secret), secret.replace("/", "\\/")}


def _text(response):
    body = response.content.decode("utf-8", errors="replace")
    if "calendar" in response.get("Content-Type", ""):
        body = body.replace("\r\n ", "").replace("\r\n\t", "").replace("\\,", ",")
    return body + "\n" + html.unescape(body)


def _links(body):
    for match in re.finditer(r"""(?:href|src|action)\s*=\s*["']([^"']+)["']""", body):
        yield html.unescape(match.group(1))


def _local(url):
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname not in ("testserver", "localhost"):
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if not parts.path.startswith("/"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP) or re.match(r"^/my-bookings/[^/]+/", path):
        return None
    month = re.search(r"/month/(\d{4})/(\d{1,2})/", path)
    if month and not FIRST_MONTH <= (int(month[1]), int(month[2])) <= LAST_MONTH:
        return None  # the month grid links on forever; the demo's months are enough
    return path


def seeds():
    urls = {"/", "/calendar.ics", "/calendar/subscribe/", "/my-bookings/", "/share-your-story/"}
    urls |= {"/feeds/stories/rss/", "/feeds/stories/atom/", "/sitemap.xml", "/robots.txt"}
    for page in Page.objects.live().public().specific():
        url = page.get_url()
        if url:
            urls.add(url)
    for event in EventPage.objects.live():
        urls.add(event.get_feed_url())
        if registrations.is_open(event):
            urls.add(registrations.register_url(event))
            urls.add(event.url + event.reverse_subpage("register_sent_view"))
        for occurrence in event.occurrences.all():
            urls.add(event.get_occurrence_url(occurrence))
            urls.add(event.get_occurrence_feed_url(occurrence))
            if registrations.is_open(event):
                urls.add(registrations.register_url(event, occurrence))
        if event.campaign_id:
            urls.add(event.campaign.specific.toolkit_url())
    for shift in Shift.objects.current().select_related("event"):
        base = shift.event.url
        urls.add(base + shift.event.reverse_subpage("shift_signup", kwargs={"shift_id": shift.pk}))
    return urls


def crawl(client):
    """Every URL reachable from the seeds by links, as an anonymous visitor."""
    queue, seen, bodies = deque(sorted(seeds())), set(), {}
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        kind = response.get("Content-Type", "")
        if not kind.startswith(TEXTUAL):
            continue
        body = _text(response)
        bodies[url] = body
        for link in _links(body):
            local = _local(link)
            if local and local not in seen:
                queue.append(local)
    return bodies


@pytest.fixture
def demo_site(demo_for_module, db, settings):
    """The demo, loaded once for this module; what each test writes is undone after it."""
    settings.MEDIA_ROOT = demo_for_module
    cache.clear()


@pytest.mark.slow
def test_no_public_url_of_the_demo_shows_a_private_link_or_address(client, demo_site):
    bodies = crawl(client)

    leaks = [
        (url, secret)
        for url, body in bodies.items()
        for secret in SECRETS
        for form in _forms(secret)
        if form in body
    ]
    assert leaks == []
    # Control: a public join link of another demo event is found, so the search can see one.
    assert any("riverside-recovery.example/sleep-and-mood" in body for body in bodies.values())
    # The crawl really covered the site: listings, every meeting, the forms and the feeds.
    group = EventPage.objects.get(slug="tuesday-peer-support")
    meetings = group.occurrences.count()
    assert meetings > 10
    for occurrence in group.occurrences.all():
        assert group.get_occurrence_url(occurrence) in bodies
        assert registrations.register_url(group, occurrence) in bodies
    assert any(url.endswith(".ics") for url in bodies)
    assert any("/toolkit/" in url for url in bodies)
    assert any("/volunteer/" in url for url in bodies)
    assert len(bodies) > 150, len(bodies)
    print(f"crawled {len(bodies)} public URLs")


def test_the_registered_attendee_does_get_them_in_mail_calendar_and_manage_page(client, demo_site):
    group = EventPage.objects.get(slug="tuesday-peer-support")
    meeting = registrations.meeting(group, "2027-05-04")
    outcome = registrations.sign_up(group, meeting, name="Kit Lowe", email="kit@example.org")
    booking_service.confirm(outcome.booking.pk)

    row = OutboxMessage.objects.get(booking=outcome.booking, purpose="booking_confirmed")
    message = mail.compose(row)
    html_body = message.alternatives[0][0]
    for body in (message.body, html_body):
        assert demo.TUESDAY_JOIN_URL in body and PRIVATE_ADDRESS in body
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert demo.TUESDAY_JOIN_URL in str(vevent["LOCATION"])
    assert PRIVATE_ADDRESS in str(vevent["LOCATION"])

    person = outcome.booking.person
    token = links.manage_token(person)
    page = client.get(reverse("events:my_bookings", args=[token])).content.decode()
    assert demo.TUESDAY_JOIN_URL in page and PRIVATE_ADDRESS in page
    ics = client.get(reverse("events:booking_ics", args=[token, outcome.booking.public_id]))
    location = str(Calendar.from_ical(ics.content).walk("VEVENT")[0]["LOCATION"])
    assert demo.TUESDAY_JOIN_URL in location and PRIVATE_ADDRESS in location


def test_demo_has_a_nearly_full_workshop_and_a_group_registering_per_meeting(demo_site):
    writing = Registration.objects.get(event__slug="writing-for-wellbeing")
    assert (writing.capacity, writing.seats_left) == (8, 1)
    group = EventPage.objects.get(slug="tuesday-peer-support")
    assert group.join_link_after_registration and group.registration_mode == "open"
    tuesday = Registration.objects.get(event=group)
    assert tuesday.occurrence_key == "2027-05-18" and tuesday.seats_taken == 2
    # The cancelled meeting of 11 May offers no registration.
    cancelled = registrations.card(group, registrations.meeting(group, "2027-05-11"))
    assert cancelled.state == "cancelled"
