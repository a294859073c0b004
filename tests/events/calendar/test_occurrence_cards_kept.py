"""Event cards are kept rendered one by one under a digest of everything a card shows.

Every change shows on the very next request (the page cache is off in the tests); a card
rendered for one list is reused by every other list that shows it (another filter, the
home page's next events, the month after), and nothing per reader is kept in one.
"""

from datetime import time, timedelta

import pytest
from django.utils import timezone, translation

from events.calendar.services import listing
from events.core.services import editorial_stamp, fragments
from events.models import EventPage, Occurrence, Venue
from tests.events import factories
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import count_fresh_renders

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() + timedelta(days=3)


def _build_index():
    index = factories.site_with_index()
    factories.event(
        index,
        title="Art for calm",
        slug="art",
        summary="Painting together.",
        kind=factories.kind("Workshop"),
        venue=factories.venue(area="Riverside"),
        start_date=DAY,
    )
    factories.event(
        index,
        title="Peer circle",
        slug="circle",
        kind=factories.kind("Support group", "support-group"),
        attendance_mode="online",
        join_url="https://meet.example/circle",
        start_date=DAY + timedelta(days=1),
    )
    return index


# Two events in the next days, built once for the module: each test reads its own copy of
# the index and its writes are undone.
index_rows = module_rows(_build_index)


@pytest.fixture
def index(index_rows, db):
    return fresh(index_rows)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def renders(monkeypatch):
    """How many cards each list rendered afresh (not taken from the cache)."""
    return count_fresh_renders(monkeypatch, "occurrence-card")


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (lambda: EventPage.objects.filter(slug="art").update(title="Calm colours"), "Calm colours"),
        (
            lambda: EventPage.objects.filter(slug="art").update(summary="Bring a brush."),
            "Bring a brush.",
        ),
        (lambda: EventPage.objects.filter(slug="art").update(status="postponed"), "Postponed."),
        (lambda: Venue.objects.update(area="Eastfield"), "Eastfield"),
        (
            lambda: Occurrence.objects.filter(event__slug="art").update(
                cancelled=True, note="Room flooded"
            ),
            "Room flooded",
        ),
        (
            lambda: Occurrence.objects.filter(event__slug="art").update(
                moved=True, note="Now upstairs"
            ),
            "Now upstairs",
        ),
        (
            lambda: Occurrence.objects.filter(event__slug="art").update(
                start=timezone.make_aware(timezone.datetime.combine(DAY, time(16, 45)))
            ),
            "16:45",
        ),
        (
            lambda: EventPage.objects.filter(slug="art").update(attendance_mode="hybrid"),
            '<span class="tag">In person and online</span>',
        ),
    ],
    ids=["title", "summary", "status", "venue area", "cancelled", "moved", "start", "mode"],
)
def test_every_change_a_card_shows_appears_on_the_next_request(client, index, change, shown):
    """Each change is a bare UPDATE, which sends no signal: the editorial stamp is then
    replaced by hand, as an editor's save replaces it, so that the list is drawn again
    (test_upcoming_results_kept checks that wiring). What this checks is the card's own
    key: a card kept under a key that missed the change would still show the old one."""
    assert shown not in html(client, index.url)
    change()
    editorial_stamp.renew()
    assert shown in html(client, index.url)


def test_a_renamed_kind_shows(client, index):
    html(client, index.url)
    from events.models import EventKind

    EventKind.objects.filter(slug="workshop").update(name="Hands-on session")
    editorial_stamp.renew()  # as above: a bare UPDATE, then what an editor's save does
    assert "Hands-on session" in html(client, index.url)


def test_a_card_is_reused_by_another_list_that_shows_it(client, index, renders):
    html(client, index.url)
    assert sum(renders) == 2  # one list a day, two days
    renders.clear()
    html(client, index.url + "?mode=online")  # another list, one of the same cards
    html(client, index.url)
    assert sum(renders) == 0


def test_cards_are_kept_apart_by_language_and_time_zone(index):
    occurrences = listing.with_urls(Occurrence.objects.select_related("event", "venue"))
    pieces = [({"occurrence": o}, listing_card_values(o)) for o in occurrences[:1]]
    keys = set()
    for language in ("en-gb", "es"):
        for zone in ("Europe/London", "America/New_York"):
            with translation.override(language), timezone.override(zone):
                keys.add(fragments.key_for("occurrence-card", pieces[0][1]))
    assert len(keys) == 4


def listing_card_values(occurrence):
    from events.templatetags.calendar_tags import card_values

    return card_values(occurrence, show_date=False)


def test_the_date_shown_or_not_is_part_of_the_key(index):
    occurrence = Occurrence.objects.select_related("event", "venue").first()
    occurrence.url = "/x/"
    from events.templatetags.calendar_tags import card_values

    assert card_values(occurrence, show_date=True) != card_values(occurrence, show_date=False)


def test_a_kept_card_holds_nothing_per_reader(client, index, django_user_model):
    """A signed-in editor and an anonymous reader get the same card (no admin links, no
    token in it): the card is rendered from the occurrence alone."""
    anonymous = html(client, index.url)
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    signed_in = html(client, index.url)
    start = anonymous.index('<article class="event-card')
    end = anonymous.index("</article>", start)
    assert anonymous[start:end] in signed_in
    assert "csrfmiddlewaretoken" not in anonymous[start:end]
