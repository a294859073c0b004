"""The volunteering tests' shifts: events in and out of a campaign, a restricted one, a
draft, and a shift whose one place is taken. Built once per module (``shift_rows``) and
read anew by each test (``shifts``)."""

from datetime import UTC, date, datetime

import pytest
from wagtail.models import PageViewRestriction, Site

from events.bookings.services import booking
from events.models import Shift, VolunteeringPage
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

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


def build_shifts_and_page():
    """The shifts above and the volunteering page (/volunteer/) that lists them."""
    index = _build_shifts()
    page_under_home()
    return index


# Four events and a booking, built once for the module's filter cases. A module whose
# tests read the volunteering page builds it with them: shift_rows =
# module_rows(build_shifts_and_page), in the module, is the rows its ``shifts`` reads.
shift_rows = module_rows(_build_shifts)


@pytest.fixture
def shifts(shift_rows, db):
    return fresh(shift_rows)


def page_under_home():
    home = Site.objects.get(is_default_site=True).root_page
    page = VolunteeringPage(title="Volunteer", slug="volunteer")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
