"""The volunteering page: every open shift across events and campaigns, with filters."""

from datetime import UTC, date, datetime

import pytest
from wagtail.models import PageViewRestriction, Site

from events.bookings.services import booking, volunteering
from events.models import Shift, VolunteeringPage
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def _build_shifts():
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    stairs = factories.venue(name="Upstairs Room", step_free=False)
    factories.event(
        campaign,
        title="Opening walk",
        slug="walk",
        start_date=date(2027, 5, 2),
        shifts=[factories.shift(role="Walk leader"), factories.shift(role="Welcome desk")],
    )
    factories.event(
        index,
        title="Art for calm",
        slug="art",
        venue=stairs,
        start_date=date(2027, 6, 10),
        shifts=[factories.shift(role="Welcome desk", capacity=1)],
    )
    private = factories.event(
        index,
        title="Closed group",
        slug="closed",
        start_date=date(2027, 5, 3),
        shifts=[factories.shift(role="Tea and biscuits")],
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    factories.event(
        index,
        title="Draft fair",
        slug="draft",
        publish=False,
        start_date=date(2027, 5, 4),
        shifts=[factories.shift(role="Stall helper")],
    )
    # The art session's one place is taken: it still shows, with its waiting list.
    art = Shift.objects.get(event__slug="art")
    taken = booking.sign_up(
        art.pk,
        name="Ana",
        email="ana@example.org",
        confirmations=booking.required_confirmations(art),
        now=NOW,
    ).booking
    booking.confirm(taken.pk, now=NOW)
    return index


# Four events and a booking, built once for the module's filter cases.
shift_rows = module_rows(_build_shifts)


@pytest.fixture
def shifts(shift_rows, db):
    return fresh(shift_rows)


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


def page_under_home():
    home = Site.objects.get(is_default_site=True).root_page
    page = VolunteeringPage(title="Volunteer", slug="volunteer")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


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
