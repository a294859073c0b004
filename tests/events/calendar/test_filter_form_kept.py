"""The events list's filter form is drawn once per query and kept until an editor changes
what it offers (events.calendar.views.listing._kept_filters): the same query reuses it, a
new query, a bad value or an editor's change shows on the very next view."""

import pytest

from events.models import EventKind
from tests.events import factories
from tests.support.demo_once import fresh, module_rows
from tests.support.kept_fragments import watch_renders

pytestmark = pytest.mark.django_db

FORM = "components/event_filters.html"


def _build_index():
    index = factories.site_with_index()
    factories.event(index, kind=factories.kind("Workshop"))
    return index


# One workshop in the list, built once for the module: each test reads its own copy of the
# index and its writes (a renamed kind, another event) are undone.
index_rows = module_rows(_build_index)


@pytest.fixture
def index(index_rows, db):
    return fresh(index_rows)


@pytest.fixture
def drawn(monkeypatch):
    """The addresses (the form's action) each time the filter form was drawn afresh."""
    return watch_renders(monkeypatch, FORM, lambda context: context["action"])


def page(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200
    return response.content.decode()


def test_the_same_query_reuses_the_form_and_another_draws_its_own(client, index, drawn):
    first = page(client, index.url, {"kind": "workshop"})
    again = page(client, index.url, {"kind": "workshop", "page": "1"})
    everything = page(client, index.url)

    assert drawn == [index.url, index.url]  # the page number is not part of the form
    assert '<option value="workshop" selected>' in first
    assert '<option value="workshop" selected>' in again
    assert '<option value="workshop" selected>' not in everything
    assert 'action="' + index.url + '"' in everything


def test_the_month_view_keeps_a_form_of_its_own(client, index, drawn):
    month = f"{index.url}month/2027/5/"
    html = page(client, month, {"kind": "workshop"})
    page(client, month, {"kind": "workshop"})
    page(client, index.url, {"kind": "workshop"})

    assert drawn == [month, index.url]
    assert f'action="{month}"' in html


def test_a_bad_value_is_reported_from_the_kept_form_too(client, index, drawn):
    for _ in range(2):
        html = page(client, index.url, {"from_date": "not-a-date"})
        assert "Some filters could not be used" in html
        assert 'id="id_from_date_error"' in html
    assert len(drawn) == 1


def test_an_editors_change_to_the_choices_shows_on_the_next_view(client, index, drawn):
    page(client, index.url)
    kind = EventKind.objects.get(slug="workshop")
    kind.name = "Creative workshop"
    kind.save()
    EventKind.objects.create(name="Walk and talk", slug="walk")

    html = page(client, index.url)

    assert ">Creative workshop</option>" in html
    assert '<option value="walk">Walk and talk</option>' in html
    assert len(drawn) == 2


@pytest.mark.parametrize("view", ["list", "month", "past"])
def test_a_view_builds_its_filter_set_only_to_draw_what_is_not_kept(
    client, index, drawn, monkeypatch, view
):
    """A list needs no FilterSet once its pieces are kept (whether a query filters is
    kept with them); the form still shows every choice when it is drawn."""
    from events.calendar.services import listing

    url = {"list": index.url, "month": f"{index.url}month/2027/5/", "past": f"{index.url}past/"}
    built = []
    original = listing.OccurrenceFilter.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(listing.OccurrenceFilter, "__init__", counting)
    first = page(client, url[view], {"page": "1"})
    assert '<option value="workshop">' in first
    assert len(built) == len(drawn) == 1
    page(client, url[view])
    assert len(built) == 1
    # A filter in the query: its set is built to draw the page, then not while it is kept.
    assert '<option value="workshop" selected>' in page(client, url[view], {"kind": "workshop"})
    assert len(built) == 2
    assert '<option value="workshop" selected>' in page(client, url[view], {"kind": "workshop"})
    assert len(built) == (2 if view != "past" else 3)  # the archive keeps no results
    # An editor's change: the query is checked against the choices again.
    factories.kind("Walk")
    assert '<option value="walk">' in page(client, url[view], {"kind": "workshop"})


def test_a_filtered_list_says_so_and_shows_only_what_it_asks_for_each_time(client, index):
    """Whether a query filters is kept with the pieces: a valid filter says "these
    events", a bad value is ignored ("all events"), on the first view and the next."""
    factories.event(index, title="A quiet walk", kind=factories.kind("Walk"))
    for _ in range(2):
        walks = page(client, index.url, {"kind": "walk"})
        assert "Subscribe to these events" in walks and "(filters in use)" in walks
        assert "A quiet walk" in walks
        workshops = page(client, index.url, {"kind": "workshop"})
        assert "A quiet walk" not in workshops
        bad = page(client, index.url, {"from_date": "soon"})
        assert "Subscribe to all events" in bad and "A quiet walk" in bad
        assert "Subscribe to all events" in page(client, index.url, {"page": "1"})
