"""Public pages: the list, month grid, past archive, event and occurrence pages, campaigns."""

import json
import re
from datetime import date, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.models import CampaignPage, CampaignStory, EventIndexPage, EventPage, Occurrence
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def one_h1(html):
    return len(re.findall(r"<h1[\s>]", html)) == 1


def jsonld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


class PageTypeRules(WagtailPageTestCase):
    def test_where_pages_may_live(self):
        from home.models import HomePage

        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage, Page})
        self.assertAllowedSubpageTypes(EventIndexPage, {CampaignPage, EventPage})
        self.assertAllowedParentPageTypes(CampaignPage, {EventIndexPage, HomePage})
        self.assertAllowedSubpageTypes(CampaignPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage, CampaignPage})
        self.assertAllowedSubpageTypes(EventPage, set())


@pytest.fixture
def index():
    return factories.site_with_index()


def _build_soon():
    start = timezone.localdate() + timedelta(days=3)
    return factories.event(factories.site_with_index(), title="Soon workshop", start_date=start)


# An event three days ahead, built once for the module (every test here is fine with it in
# the list) and read anew by each test that asks for it.
soon_rows = module_rows(_build_soon)


@pytest.fixture
def soon(soon_rows, db):
    return fresh(soon_rows)


def test_upcoming_list_groups_by_day_and_advertises_the_feed(client, index, soon):
    later = factories.event(
        index, title="Later walk", start_date=soon.start_date + timedelta(days=1)
    )
    html = html_of(client, index.url)

    assert one_h1(html)
    assert '<link rel="alternate" type="text/calendar" href="/calendar.ics"' in html
    assert html.index("Soon workshop") < html.index("Later walk")
    assert html.count('class="event-day"') == 2
    assert later.url in html and soon.url in html


def test_past_archive_and_month_grid(client, index, soon):
    past_event = factories.event(
        index, title="Autumn talk", start_date=timezone.localdate() - timedelta(days=40)
    )
    upcoming_html = html_of(client, index.url)
    past_html = html_of(client, index.url + "past/")
    month = soon.start_date
    month_html = html_of(client, f"{index.url}month/{month.year}/{month.month}/")

    assert "Autumn talk" not in upcoming_html
    assert "Autumn talk" in past_html and "Soon workshop" not in past_html
    assert "Soon workshop" in month_html and "<table" in month_html and one_h1(month_html)
    assert 'type="text/calendar"' in past_html and 'type="text/calendar"' in month_html
    assert past_event.pk


def test_impossible_month_is_a_404(client, index):
    html_of(client, index.url + "month/2027/13/", status=404)


def test_event_page_shows_venue_access_osm_and_calendar_links(client, soon):
    html = html_of(client, soon.url)

    assert one_h1(html)
    assert "Willow Community Hall" in html and "12 Mill Lane" in html
    assert "Step-free access" in html and "Hearing loop" in html
    assert "https://www.openstreetmap.org/?mlat=51.50100&amp;mlon=-0.12000" in html
    assert "https://calendar.google.com/calendar/render?" in html
    assert "https://outlook.live.com/calendar/0/action/compose?" in html
    assert f"/calendar/events/{soon.pk}.ics" in html
    assert "mailto:?subject=" in html
    assert "<script src" not in html


def test_event_jsonld_describes_status_mode_and_location(client, soon):
    data = jsonld_blocks(html_of(client, soon.url))[0]

    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Willow Community Hall"
    assert data["location"]["geo"]["latitude"] == pytest.approx(51.501)
    assert data["startDate"].endswith(("+00:00", "+01:00"))


def test_cancelled_event_shows_a_banner_and_reason(client, index):
    event = factories.event(
        index,
        title="Riverside quiz",
        start_date=timezone.localdate() + timedelta(days=5),
        status="cancelled",
        status_reason="The hall flooded; we will rearrange.",
    )
    html = html_of(client, event.url)

    assert "status-banner--cancelled" in html and "The hall flooded" in html
    assert jsonld_blocks(html)[0]["eventStatus"] == "https://schema.org/EventCancelled"


def test_occurrence_pages_for_a_series(client, index):
    start = timezone.localdate() + timedelta(days=1)
    event = factories.event(
        index,
        title="Weekly circle",
        start_date=start,
        repeat="WEEKLY",
        repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        repeat_count=4,
        overrides=[
            {"original_date": start + timedelta(days=7), "cancelled": True, "note": "Holiday"}
        ],
    )
    keys = list(Occurrence.objects.filter(event=event).values_list("key", flat=True))
    assert len(keys) == 4

    series_html = html_of(client, event.url)
    cancelled_html = html_of(client, f"{event.url}occurrences/{keys[1]}/")
    html_of(client, f"{event.url}occurrences/1999-01-01/", status=404)

    assert "Next meetings" in series_html and f"occurrences/{keys[2]}/" in series_html
    assert "status-banner--cancelled" in cancelled_html and "Holiday" in cancelled_html
    assert one_h1(cancelled_html)
    assert f"/calendar/events/{event.pk}/{keys[1]}.ics" in cancelled_html
    data = jsonld_blocks(cancelled_html)[0]
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_online_event_from_another_zone_shows_both_times(client, index):
    event = factories.event(
        index,
        title="Evening webinar",
        attendance_mode="online",
        join_url="https://meet.example/webinar",
        time_zone="America/Toronto",
        start_date=date(2027, 5, 12),
        start_time=time(19, 0),
        end_time=time(20, 0),
    )
    html = html_of(client, event.url)

    assert "Hosted in America/Toronto" in html
    assert "Thursday 13 May 2027, 00:00" in html  # London time
    assert "https://meet.example/webinar" in html
    assert jsonld_blocks(html)[0]["startDate"] == "2027-05-12T19:00:00-04:00"


def test_campaign_page_lists_its_programme_by_day(client, index):
    campaign = factories.campaign(index)
    factories.event(campaign, title="Opening walk", campaign=campaign, start_date=date(2027, 5, 1))
    factories.event(index, title="Unrelated", start_date=date(2027, 5, 1))

    html = html_of(client, campaign.url)

    assert one_h1(html) and "Opening walk" in html and "Unrelated" not in html
    assert f'href="/calendar/campaigns/{campaign.slug}.ics"' in html
    assert "Saturday 1 May" in html


def test_campaign_lists_chosen_then_tagged_stories(index):
    campaign = factories.campaign(index)
    story = index.add_child(
        instance=EventIndexPage(title="Not a story", slug="chosen-story", live=False)
    )
    CampaignStory.objects.create(campaign=campaign, page=story)

    assert [page.pk for page in campaign.get_stories()] == []  # draft pages are not listed
    story.save_revision().publish()
    fresh = CampaignPage.objects.get(pk=campaign.pk)
    assert [page.pk for page in fresh.get_stories()] == [story.pk]
    campaign.story_tag = "hope"
    # Without home.StoryPage (stories arrive in another branch) the tag simply adds nothing.
    assert len(campaign.get_stories()) == 1
    assert campaign.get_open_volunteer_shifts() == []


def test_event_page_form_refuses_start_dates_off_the_rule(index):
    event = EventPage(
        title="Bad",
        slug="bad",
        kind=factories.kind(),
        venue=factories.venue(),
        summary="x",
        start_date=date(2027, 3, 3),  # a Wednesday
        start_time=time(18, 30),
        end_time=time(20, 0),
        repeat="WEEKLY",
        repeat_weekdays="TU",
        repeat_count=3,
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "start_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_time": None}, "start_time"),
        ({"end_time": time(17, 0)}, "end_time"),
        ({"venue": None}, "venue"),
        ({"status": "postponed", "status_reason": ""}, "status_reason"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_event_validation_names_the_field(index, fields, field):
    from django.core.exceptions import ValidationError

    values = {
        "title": "x",
        "slug": "x",
        "kind": factories.kind(),
        "venue": factories.venue(),
        "summary": "x",
        "start_date": date(2027, 3, 3),
        "start_time": time(18, 30),
        "end_time": time(20, 0),
    }
    values.update(fields)
    with pytest.raises(ValidationError) as error:
        EventPage(**values).clean()
    assert field in error.value.message_dict


def test_home_page_shows_next_events_and_the_current_campaign(client, index):
    today = timezone.localdate()
    campaign = factories.campaign(
        index, start_date=today - timedelta(days=2), end_date=today + timedelta(days=20)
    )
    factories.event(index, title="Soonest talk", start_date=today + timedelta(days=1))
    factories.event(index, title="Older talk", start_date=today - timedelta(days=10))
    factories.event(
        index,
        title="Daily circle",
        start_date=today + timedelta(days=1),
        repeat="DAILY",
        repeat_count=10,
    )

    html = html_of(client, "/")

    assert "Soonest talk" in html and "Older talk" not in html
    assert html.count("Daily circle") == 1  # the next meeting only, not ten of them
    assert "Happening now" in html and campaign.title in html
    assert '<link rel="alternate" type="text/calendar" href="/calendar.ics"' in html
    assert one_h1(html)


def a_picture(description=""):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 500), (90, 140, 120)).save(buffer, "PNG")
    return Image.objects.create(
        title="Park", description=description, file=ImageFile(buffer, name="park.png")
    )


def test_event_body_keeps_the_story_rules_for_alt_text_and_outline():
    from wagtail.blocks import StreamBlockValidationError

    from events.calendar.blocks import EventBodyBlock

    picture = a_picture()
    block = EventBodyBlock()
    unexplained = block.to_python([{"type": "image", "value": {"image": picture.pk}}])
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(unexplained)
    assert "alt_text" in refused.value.block_errors[0].block_errors

    skipped_level = block.to_python(
        [{"type": "heading", "value": {"text": "Details", "level": "h3"}}]
    )
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(skipped_level)
    assert 0 in refused.value.block_errors

    block.clean(
        block.to_python(
            [
                {"type": "heading", "value": {"text": "What to bring", "level": "h2"}},
                {"type": "heading", "value": {"text": "If it rains", "level": "h3"}},
                {"type": "image", "value": {"image": picture.pk, "decorative": True}},
            ]
        )
    )


def test_event_body_renders_heading_levels_and_alt_text(client, index):
    picture = a_picture()
    page = factories.event(
        index,
        title="Walk in the park",
        body=[
            ("heading", {"text": "What to bring", "level": "h2"}),
            ("heading", {"text": "If it rains", "level": "h3"}),
            ("image", {"image": picture, "alt_text": "A path between tall trees"}),
            ("image", {"image": picture, "decorative": True}),
        ],
    )

    html = html_of(client, page.url)

    assert "<h2>What to bring</h2>" in html and "<h3>If it rains</h3>" in html
    alts = re.findall(r'<img[^>]* alt="([^"]*)"', html)
    assert alts.count("A path between tall trees") == 1 and alts.count("") == 1
    assert one_h1(html)


def test_the_kept_current_campaign_follows_the_date_and_the_editors(client, index):
    """The home page's campaign is kept for the day under the editorial stamp: the next
    day, or an editor's change, shows on the next request."""
    today = timezone.localdate()
    ending = factories.campaign(
        index, title="Walk and talk week", slug="walk", start_date=today, end_date=today
    )
    assert ending.title in html_of(client, "/")
    later = factories.campaign(
        index,
        title="Art for calm month",
        slug="art",
        start_date=today + timedelta(days=1),
        end_date=today + timedelta(days=30),
    )
    assert ending.title in html_of(client, "/")  # still today's
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        html = html_of(client, "/")
    assert later.title in html and ending.title not in html
    assert ending.title in html_of(client, "/")  # today again: kept, the same answer
    ending.unpublish()
    html = html_of(client, "/")
    assert ending.title not in html and later.title in html  # the next one to start
