"""Shift cards are kept rendered under a digest of everything they show: every change
shows on the very next request (the page cache is off in the tests), and a card is the
same for every reader."""

from datetime import time

import pytest
from django.core.cache import cache

from events.bookings.services import booking
from events.models import EventPage, Shift
from tests.events.bookings.volunteering_rows import NOW, build_shifts_and_page

# The fixture shifts reads the module's shift_rows: here the shifts and the volunteering
# page, built once for the module.
from tests.events.bookings.volunteering_rows import shifts as shifts
from tests.events.factories import republish
from tests.support.demo_once import module_rows

pytestmark = pytest.mark.django_db

shift_rows = module_rows(build_shifts_and_page)


@pytest.fixture
def volunteering(shifts):
    return "/volunteer/"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cards(page):
    """The list of shift cards (the role filter's options, kept under the editorial stamp
    that a publish renews, are not the cards' concern)."""
    return page.split('class="card-list shift-list"')[1].split("</ul>")[0]


def edit_walk_shift(**changes):
    """An editor changes the walk leader's shift on the event page and publishes: the
    only way a shift row changes (the daily sync of repeating shifts renews the stamp
    the same way)."""
    page = EventPage.objects.get(slug="walk").get_latest_revision_as_object()
    planned = list(page.shifts.all())
    for shift in planned:
        if shift.role == "Walk leader":
            for field, value in changes.items():
                setattr(shift, field, value)
    page.shifts = planned
    page.save_revision().publish()


def test_a_renamed_role_shows(client, volunteering):
    assert "Walk leader" in cards(html(client, volunteering))
    edit_walk_shift(role="Route guide")
    shown = cards(html(client, volunteering))
    assert "Route guide" in shown and "Walk leader" not in shown


def test_a_new_description_shows(client, volunteering):
    assert "Wear boots" not in html(client, volunteering)
    edit_walk_shift(description="Wear boots")
    assert "Wear boots" in html(client, volunteering)


def test_a_retitled_event_shows(client, volunteering):
    assert "Opening walk" in html(client, volunteering)
    republish(EventPage.objects.get(slug="walk"), title="Opening stroll")
    page = html(client, volunteering)
    assert "Opening stroll" in page and "Opening walk" not in page


def test_a_moved_shift_shows_its_new_time(client, volunteering):
    assert "10:30 to 13:00" not in html(client, volunteering)
    edit_walk_shift(start_time=time(10, 30), end_time=time(13, 0))
    assert "10:30 to 13:00" in html(client, volunteering)


def test_a_confirmed_place_counts_at_once(client, volunteering):
    assert "2 of 2 places left" in html(client, volunteering)
    walk = Shift.objects.get(role="Walk leader")
    signed = booking.sign_up(
        walk.pk, name="Bo", email="bo@example.org",
        confirmations=booking.required_confirmations(walk), now=NOW,
    ).booking  # fmt: skip
    # An unconfirmed hold changes nothing the public sees (anyone can make one).
    assert "1 of 2 places left" not in html(client, volunteering)
    booking.confirm(signed.pk, now=NOW)
    assert "1 of 2 places left" in html(client, volunteering)


def test_the_event_page_keeps_its_own_list(client, shifts):
    """The event page's cards omit the event's title: not the volunteering page's copy."""
    walk = EventPage.objects.get(slug="walk")
    page = html(client, walk.url)
    assert "Walk leader" in page and "Walk leader<span" not in page


def test_the_kept_cards_hold_nothing_per_reader(client, volunteering, monkeypatch):
    from events.core.services import fragments

    cache.clear()
    kept, render = {}, fragments.render_to_string
    monkeypatch.setattr(fragments, "FRAGMENT_SECONDS", 0)  # rendered on this request

    def keeping(template_name, *args):
        kept[template_name] = render(template_name, *args)
        return kept[template_name]

    monkeypatch.setattr(fragments, "render_to_string", keeping)
    html(client, volunteering)
    cards = kept["events/includes/shift_cards.html"]
    assert "Walk leader" in cards
    assert "<form" not in cards
    # Nothing kept on the page (the cards, the filter form) is anyone's own.
    for piece in kept.values():
        for private in ("csrfmiddlewaretoken", "ana@example.org", "Ana"):
            assert private not in piece
