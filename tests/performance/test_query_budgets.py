"""Every public page makes at most a dozen queries with the page cache off, and as many for
a site with a handful of events, stories, shifts and comments as for one with a thousand.

The demo content is the small site; the large one adds a thousand comments (on the story
visited) and shifts (on the event visited), a hundred events (in the campaign) and thirty
stories: a tree insert per page makes more too slow for a test.
"""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText

from events.core.services import editorial_stamp
from events.models import CampaignPage, EventIndexPage, EventPage, Shift, VolunteeringPage
from home.models import Comment, StoryIndexPage, StoryPage
from tests.events import factories

BUDGET = 12
LARGE = 1000


def public_urls():
    index = EventIndexPage.objects.live().first()
    recurring = EventPage.objects.live().exclude(rrule="").order_by("pk").first()
    story = StoryPage.objects.live().order_by("pk").first()
    kind = recurring.kind.slug if recurring.kind_id else ""
    return {
        "home": "/",
        "story": story.url,
        "story index": StoryIndexPage.objects.live().first().url,
        "events list": index.url,
        "events list, filtered": f"{index.url}?mode=in_person&kind={kind}&page=1",
        "month": index.url + "month/",
        "campaign": CampaignPage.objects.live().first().url,
        "event": recurring.url,
        "occurrence": recurring.url + f"occurrences/{recurring.occurrences.first().key}/",
        "volunteering": VolunteeringPage.objects.live().first().url,
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def grow(count):
    """``count`` more events, stories, shifts and comments, where the pages show them."""
    index = EventIndexPage.objects.live().first()
    campaign = CampaignPage.objects.live().first()
    # A tree insert per page: a tenth as many events and stories keeps the test short.
    factories.many_events(index, count // 10, start=timezone.localdate(), prefix="bulk")
    EventPage.objects.filter(slug__startswith="bulk-").update(campaign=campaign)
    stories = StoryIndexPage.objects.live().first()
    for number in range(count // 30):
        stories.add_child(
            instance=StoryPage(
                title=f"Bulk story {number}",
                slug=f"bulk-story-{number}",
                live=True,
                first_published_at=timezone.now() - timedelta(days=400),
                intro="Written for the query budget.",
                body=[("paragraph", RichText("<p>Words.</p>"))],
            )
        )
    story = StoryPage.objects.live().order_by("pk").first()
    Comment.objects.bulk_create(
        Comment(page=story, name=f"Reader {n}", body="Thanks", status=Comment.Status.APPROVED)
        for n in range(count)
    )
    event = EventPage.objects.live().exclude(rrule="").order_by("pk").first()
    begins = timezone.now() + timedelta(days=5)
    for n in range(count):  # multi-table inheritance: no bulk_create
        Shift.objects.create(
            event=event,
            uid=uuid.uuid4(),
            role=f"Steward {n}",
            title=f"Steward {n}",
            starts_at=begins + timedelta(hours=n),
            ends_at=begins + timedelta(hours=n + 1),
            capacity=3,
        )


@pytest.fixture
def demo(demo_content):
    """The demo, from the module's copy of the demo database (tests/conftest.py)."""


def test_public_pages_stay_within_the_budget_and_flat(client, demo, settings):
    assert settings.TAPESTRY_PAGE_CACHE_SECONDS == 0
    urls = public_urls()
    for url in urls.values():
        client.get(url)  # renditions and the like are made on a first view
    small = {name: count_queries(client, url) for name, url in urls.items()}
    grow(LARGE)
    urls = public_urls()
    for url in urls.values():
        client.get(url)  # the new comments change the story cards' key: both sizes warm
    large = {name: count_queries(client, url) for name, url in urls.items()}
    report = "\n".join(f"{name}: {small[name]} -> {large[name]}" for name in urls)
    print(report)
    assert all(large[name] <= small[name] for name in urls), report
    # Every page is held to the budget (issue 25), at both sizes.
    assert all(max(small[name], large[name]) <= BUDGET for name in urls), report


def test_the_first_view_after_an_editorial_change_stays_within_the_budget(client, demo):
    """What is kept under the editorial stamp (the site, its settings, routes, menus, the
    filters' choices, kept sections) is read again after any publish, all on one view."""
    urls = public_urls()
    for url in urls.values():
        client.get(url)
    first = {}
    for name, url in urls.items():
        client.get(url)
        editorial_stamp.renew()
        first[name] = count_queries(client, url)
    report = "\n".join(f"{name}: {count}" for name, count in first.items())
    print(report)
    assert all(count <= BUDGET for count in first.values()), report
