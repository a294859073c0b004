"""The volunteering page in pages: a page of shifts at a time, soonest first, whatever the
number of shifts (issue 25); its links keep the filters, and bad page numbers fall back."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django import forms
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.bookings.services import volunteering
from events.models import Shift
from tests.events import factories
from tests.events.bookings.volunteering_rows import page_under_home
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
FIRST = datetime(2027, 5, 2, 8, 0, tzinfo=UTC)


def add_shifts(event, count, *, role="Steward", start=0, **fields):
    """``count`` shifts an hour apart, numbered from ``start`` (role "Steward 00", ...)."""
    for n in range(start, start + count):
        Shift.objects.create(
            event=event,
            uid=uuid.uuid4(),
            role=f"{role} {n:02d}",
            title=f"{role} {n:02d}",
            starts_at=FIRST + timedelta(hours=n),
            ends_at=FIRST + timedelta(hours=n, minutes=50),
            capacity=3,
            **fields,
        )


def _build_walk():
    index = factories.site_with_index()
    walk = factories.event(index, title="Opening walk", slug="walk", start_date=date(2027, 5, 2))
    page_under_home()  # /volunteer/
    return walk


# The walk (no shifts of its own: each test adds them) and the volunteering page, built
# once for the module: each test reads its own copy and its shifts are undone.
walk_rows = module_rows(_build_walk)


@pytest.fixture
def walk(walk_rows, db):
    return fresh(walk_rows)


def page(data=None, per_page=20):
    return volunteering.page_of_shifts(data or {}, now=NOW, per_page=per_page)[1]


def roles_of(page_obj):
    return [card.shift.role for card in page_obj.object_list]


def test_forty_five_shifts_make_three_pages_soonest_first(walk):
    add_shifts(walk, 45)

    first, third = page(), page({"page": "3"})

    assert first.paginator.count == 45 and first.paginator.num_pages == 3
    assert roles_of(first) == [f"Steward {n:02d}" for n in range(20)]
    assert roles_of(third) == [f"Steward {n:02d}" for n in range(40, 45)]


@pytest.mark.parametrize(("number", "shown"), [("abc", 1), ("", 1), ("0", 3), ("999", 3)])
def test_a_bad_page_number_falls_back(walk, number, shown):
    add_shifts(walk, 45)
    assert page({"page": number}).number == shown


def test_shifts_not_listed_are_not_counted_nor_paged(walk):
    """The rules once applied card by card in Python now live in the query: the pages hold
    exactly the shifts that were listed before, and the count agrees."""
    index = factories.site_with_index()
    private = factories.event(index, title="Closed group", slug="closed")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    add_shifts(walk, 3)
    add_shifts(private, 2, role="Private", start=3)
    add_shifts(walk, 2, role="Not yet", start=5, opens_at=NOW + timedelta(days=1))
    add_shifts(walk, 2, role="Closed", start=7, closes_at=NOW - timedelta(days=1))
    add_shifts(walk, 1, role="Closing soon", start=9, closes_at=NOW + timedelta(hours=1))
    add_shifts(walk, 1, role="Opened", start=10, opens_at=NOW - timedelta(hours=1))
    Shift.objects.filter(role="Steward 02").update(removed_at=NOW)

    shown = page(per_page=3)

    assert shown.paginator.count == 4
    assert roles_of(shown) == ["Steward 00", "Steward 01", "Closing soon 09"]
    assert roles_of(page({"page": "2"}, per_page=3)) == ["Opened 10"]
    assert "Private 03" not in volunteering.roles(now=NOW)
    assert "Not yet 05" not in volunteering.roles(now=NOW)


def test_the_page_shows_the_count_and_an_accessible_nav_keeping_the_filters(client, walk):
    add_shifts(walk, 45)
    add_shifts(walk, 1, role="Cook", start=50)

    html = client.get("/volunteer/", {"page": "2", "step_free": "on"}).content.decode()
    only_cook = client.get("/volunteer/", {"role": "Cook 50"}).content.decode()

    assert "46 shifts found." in html
    nav = re.search(r'<nav class="pagination" aria-label="Pages of shifts">.*?</nav>', html, re.S)
    assert nav, html
    nav = nav.group(0)
    assert 'aria-current="page"' in nav and "Page 2 of 3" in nav
    assert 'href="?step_free=on&amp;page=1"' in nav and 'href="?step_free=on&amp;page=3"' in nav
    cards = html.split('class="card-list shift-list"')[1].split("</ul>")[0]
    assert "Steward 20" in cards and "Steward 19" not in cards and "Steward 40" not in cards
    assert "1 shift found." in only_cook and 'class="pagination"' not in only_cook


@pytest.mark.parametrize("number", ["abc", "999", "-1"])
def test_a_bad_page_number_never_fails(client, walk, number):
    add_shifts(walk, 25)
    response = client.get("/volunteer/", {"page": number})
    assert response.status_code == 200


def test_the_work_for_a_page_does_not_grow_with_the_shifts(client, walk):
    """Queries and shifts read from the database: the same for 10 shifts as for 200, with
    a page of 20 cards at most shown."""
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    def measure():
        client.get("/volunteer/")  # warm: kept fragments, renditions
        loaded.clear()
        post_init.connect(count, sender=Shift)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/volunteer/")
        finally:
            post_init.disconnect(count, sender=Shift)
        assert response.status_code == 200
        cards_shown = response.content.decode().count('<li class="card shift">')
        return len(queries.captured_queries), len(loaded), cards_shown

    add_shifts(walk, 10)
    small = measure()
    add_shifts(walk, 190, start=10)
    large = measure()

    assert small[2] == 10 and large[2] == 20
    assert large[0] <= small[0], (small, large)
    assert large[1] <= 20, (small, large)


def test_the_role_select_writes_the_same_markup_as_djangos():
    """LongSelect only renders faster: the same select, options and chosen one."""
    form = volunteering.VolunteerFilterForm(
        {"role": "Cook & cleaner"}, roles=["Cook & cleaner", "Host"]
    )
    form.is_valid()
    field = form["role"]
    plain = field.as_widget(widget=forms.Select(choices=field.field.choices))

    def squeeze(html):
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()

    assert squeeze(str(field)) == squeeze(plain)
    assert '<option value="Cook &amp; cleaner" selected>' in str(field)
