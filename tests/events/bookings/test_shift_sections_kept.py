"""An event's, a meeting's and a campaign's "Volunteer" section is kept drawn whole, in each
process, while nothing it shows can change (issue 25): a warm view draws none of it, yet
each page, meeting and language has its own, a new shift or a new title shows on the very
next request, and a preview draws its draft. The kept rows beneath it, and the places and
the clock on these pages, are tested in test_shift_lists_kept.py."""

import re
from datetime import time, timedelta

import pytest
import time_machine

from events.models import CampaignPage, EventPage
from tests.events import factories
from tests.events.bookings.helpers.repeating import circle
from tests.events.bookings.test_shift_cards_kept import edit_walk_shift
from tests.events.bookings.volunteering_rows import NOW, build_shifts_and_page
from tests.events.bookings.volunteering_rows import shifts as shifts
from tests.support.demo_once import module_rows
from tests.support.kept_fragments import drew

pytestmark = pytest.mark.django_db

SECTION_TEMPLATE = "events/includes/shift_section.html"

shift_rows = module_rows(build_shifts_and_page)


@pytest.fixture(autouse=True)
def _before_the_shifts():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def pages(shifts):
    walk = EventPage.objects.get(slug="walk")
    return {"event": walk.url, "campaign": CampaignPage.objects.get().url}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def drawn(response):
    """Whether the request drew the section (rather than using a kept one)."""
    return drew(response, SECTION_TEMPLATE)


def section(response):
    """The page's "Volunteer" section ("" when it shows none)."""
    found = re.search(
        r'<section class="\w+__volunteer".*?</section>', response.content.decode(), re.S
    )
    return found.group(0) if found else ""


def publish_walk(*, title=None, extra_roles=()):
    """An editor edits the walk (its title, more shifts) and publishes."""
    page = EventPage.objects.get(slug="walk").get_latest_revision_as_object()
    if title:
        page.title = title
    planned = list(page.shifts.all())
    for number, role in enumerate(extra_roles):
        planned.append(
            page.shifts.model(
                **factories.shift(role=role, start_time=time(13, number), end_time=time(15, 0))
            )
        )
    page.shifts = planned
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("name", ["event", "campaign"])
def test_a_warm_view_draws_no_section_and_shows_the_same_one(client, pages, name):
    first = get(client, pages[name])
    again = get(client, pages[name])

    assert drawn(first) and not drawn(again)
    assert "Walk leader" in section(first) and "Welcome desk" in section(first)
    assert section(again) == section(first)


def test_each_page_keeps_its_own_words(client, pages):
    event = section(get(client, pages["event"]))
    campaign = section(get(client, pages["campaign"]))

    assert 'class="event__volunteer"' in event
    assert "Give a few hours to help this happen." in event
    assert 'class="campaign__volunteer"' in campaign
    assert "These shifts still need people." in campaign
    # A campaign's shifts are of several events: each card names its own.
    assert "Opening walk" in campaign and "Opening walk" not in event


@pytest.mark.parametrize("name", ["event", "campaign"])
def test_a_new_shift_shows_at_once(client, pages, name):
    assert "Litter picker" not in section(get(client, pages[name]))
    assert not drawn(get(client, pages[name]))

    publish_walk(extra_roles=["Litter picker"])

    shown = get(client, pages[name])
    assert drawn(shown) and "Litter picker" in section(shown)


def test_more_shifts_than_shown_link_to_them_all_under_the_new_title(client, pages):
    """Twelve cards, then a link to the page of every shift, which names the event for a
    screen reader: a renamed event's link says the new name at once."""
    roles = [f"Steward {number:02}" for number in range(10)]
    publish_walk(extra_roles=roles)
    walk = EventPage.objects.get(slug="walk")
    every_shift = walk.url + walk.reverse_subpage("shifts_view")
    shown = section(get(client, pages["event"]))
    assert shown.count('<li class="card shift">') == 12
    assert f'href="{every_shift}"' not in shown

    publish_walk(title="Opening lantern walk", extra_roles=["Steward 10"])

    shown = section(get(client, pages["event"]))
    assert shown.count('<li class="card shift">') == 12
    assert f'href="{every_shift}"' in shown
    assert "for Opening lantern walk" in shown


def test_each_meeting_of_a_series_keeps_its_own_section(client, shifts):
    series = circle(weeks=3)
    meetings = list(series.occurrences.order_by("start"))
    first = series.get_occurrence_url(meetings[0])
    second = series.get_occurrence_url(meetings[1])

    one, two = section(get(client, first)), section(get(client, second))

    assert "Welcome desk" in one and "Welcome desk" in two
    assert one != two, "each meeting lists its own shift, with its own date and link"
    assert not drawn(get(client, first)) and not drawn(get(client, second))
    assert section(get(client, first)) == one and section(get(client, second)) == two


def test_each_language_keeps_its_own_section(client, pages):
    english = section(get(client, pages["event"]))
    spanish = section(get(client, "/es" + pages["event"]))

    assert "Give a few hours" in english
    assert "Dedica unas horas" in spanish and "Give a few hours" not in spanish
    assert section(get(client, pages["event"])) == english
    assert section(get(client, "/es" + pages["event"])) == spanish


def test_a_preview_draws_its_drafts_title_and_keeps_nothing(client, pages):
    publish_walk(extra_roles=[f"Steward {number:02}" for number in range(11)])
    assert "for Opening walk" in section(get(client, pages["event"]))
    draft = EventPage.objects.get(slug="walk").get_latest_revision_as_object()
    draft.title = "A walk not yet published"

    previewed = draft.make_preview_request()

    assert "for A walk not yet published" in section(previewed)
    live = get(client, pages["event"])
    assert not drawn(live) and "for Opening walk" in section(live)


def test_a_shift_leaves_the_campaign_section_when_its_sign_up_closes(client, pages):
    edit_walk_shift(closes_at=NOW + timedelta(days=3))
    with time_machine.travel(NOW + timedelta(days=3) - timedelta(seconds=1), tick=False):
        assert "Walk leader" in section(get(client, pages["campaign"]))
        kept = get(client, pages["campaign"])
        assert not drawn(kept) and "Walk leader" in section(kept)
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        shown = get(client, pages["campaign"])
        assert drawn(shown) and "Walk leader" not in section(shown)
        assert "Welcome desk" in section(shown)
