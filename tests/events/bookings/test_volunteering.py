"""The volunteering page: every open shift across events and campaigns, with filters."""

from datetime import date

import pytest

from events.bookings.services import volunteering
from tests.events.bookings.volunteering_rows import NOW, page_under_home

# The fixtures (shift_rows holds the module's rows that shifts reads anew).
from tests.events.bookings.volunteering_rows import shift_rows as shift_rows
from tests.events.bookings.volunteering_rows import shifts as shifts

pytestmark = pytest.mark.django_db


def listed(**filters):
    return [
        (card.shift.event.title, card.shift.role, card.state)
        for card in volunteering.open_shifts(now=NOW, **filters)
    ]


def test_every_open_shift_across_events_and_campaigns_soonest_first(shifts):
    assert listed() == [
        ("Opening walk", "Walk leader", "open"),
        ("Opening walk", "Welcome desk", "open"),
        ("Art for calm", "Welcome desk", "full"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"role": "Welcome desk"},
            [("Opening walk", "Welcome desk"), ("Art for calm", "Welcome desk")],
        ),
        ({"places": True}, [("Opening walk", "Walk leader"), ("Opening walk", "Welcome desk")]),
        ({"step_free": True}, [("Opening walk", "Walk leader"), ("Opening walk", "Welcome desk")]),
        ({"from_date": date(2027, 6, 1)}, [("Art for calm", "Welcome desk")]),
        (
            {"to_date": date(2027, 5, 2)},
            [("Opening walk", "Walk leader"), ("Opening walk", "Welcome desk")],
        ),
    ],
)
def test_filters(shifts, filters, expected):
    assert [(title, role) for title, role, _state in listed(**filters)] == expected


def test_roles_offered_are_those_still_ahead(shifts):
    assert "Walk leader" in volunteering.roles(now=NOW)


def test_page_renders_the_promise_filters_and_next_steps(client, shifts):
    page_under_home()

    html = client.get("/volunteer/").content.decode()
    filtered = client.get("/volunteer/", {"role": "Walk leader"}).content.decode()
    bad = client.get("/volunteer/", {"from_date": "soon", "role": "Juggler"})

    assert "No account needed" in html and "What happens next" in html
    assert "Opening walk" in html and "Art for calm" in html
    assert "Closed group" not in html and "Draft fair" not in html
    assert "Join the waiting list" in html
    assert "Art for calm" not in filtered and "Walk leader" in filtered
    assert bad.status_code == 200
    assert "Some filters could not be used" in bad.content.decode()
