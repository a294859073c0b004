"""The demo's pages people use, by name: the accessibility scan and the security-header
tests visit the same list."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking, links
from events.models import Bookable, CampaignPage, EventIndexPage, EventPage, VolunteeringPage
from home.models import ContentPage, StoryIndexPage, StoryPage

# Pages made to be framed by partner sites (their own frame-ancestors policy).
EMBEDS = ("embed-events", "embed-month")


def demo_urls():
    """Paths of the pages people use, taken from the demo content."""
    events = EventIndexPage.objects.live().first()
    recurring = EventPage.objects.live().exclude(rrule="").first()
    start = timezone.now() + timedelta(days=10)
    bookable = Bookable.objects.create(
        title="Welcome desk", starts_at=start, ends_at=start + timedelta(hours=3), capacity=4
    )
    held = booking.sign_up(bookable.pk, name="Sam", email="sam@example.org").booking
    return {
        "home": "/",
        "story-index": StoryIndexPage.objects.live().first().url,
        "story": StoryPage.objects.live().first().url,
        "campaign": CampaignPage.objects.live().first().url,
        "events-list": events.url,
        "month": events.url + "month/",
        "event": recurring.url,
        "occurrence": recurring.url + f"occurrences/{recurring.occurrences.first().key}/",
        "volunteer": VolunteeringPage.objects.live().first().url,
        "search": reverse("home:search") + "?q=walk",
        "search-empty": reverse("home:search") + "?q=nothing-matches-this",
        "subscribe": reverse("events:subscribe"),
        "embed-events": reverse("events:embed_events"),
        "embed-month": reverse("events:embed_month"),
        "share-story": reverse("home:share_story"),
        "resend-links": reverse("events:resend_links"),
        "manage": reverse("events:my_bookings", args=[links.manage_token(held.person)]),
        "confirm": reverse("events:booking_confirm", args=[links.booking_token(held)]),
        **{page.slug: page.url for page in ContentPage.objects.live()},
    }
