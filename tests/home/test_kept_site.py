"""The site, its settings, the view restrictions and each address's route, kept under the
editorial stamp: read once, then no query until an editor changes one of them, on this
process or another (events.core.services.editorial_stamp, home.services.kept_site,
home.services.routing).

The page cache is off in the test settings, so each request renders afresh.
"""

import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from events.core.services import editorial_stamp, kept_site
from home.models import SiteSettings
from tests.events.factories import republish
from tests.home import shared_story
from tests.home.conftest import add_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries]


def warm(client, url):
    """Two visits: the first creates the site's settings rows (Wagtail makes them on first
    use), which is itself an editorial change."""
    client.get(url)
    client.get(url)


def test_a_plain_page_reads_its_own_row_once_too_while_the_stamp_stands(client, index, story):
    warm(client, story.url)
    editorial_stamp.renew()
    first = queries_for(client, story.url)
    again = queries_for(client, story.url)
    assert len(again) < len(first)
    assert [sql for sql in first if '"home_storypage"' in sql]
    assert not [sql for sql in again if "wagtailcore_site" in sql or "home_sitesettings" in sql]
    assert not [sql for sql in again if "wagtailcore_pageviewrestriction" in sql]
    # Its row changes only when an editor saves, publishes, unpublishes or moves it, and
    # each of those replaces the stamp.
    assert not [sql for sql in again if '"home_storypage"' in sql]


def test_a_published_edit_shows_on_the_next_view(client, index, story):
    warm(client, story.url)
    republish(story, title="Finding my people, again")
    assert "Finding my people, again" in client.get(story.url).content.decode()


def test_a_saved_draft_leaves_the_page_as_published(client, index, story):
    warm(client, story.url)
    story.title = "A draft title"
    story.save_revision()
    body = client.get(story.url).content.decode()
    assert "A draft title" not in body
    assert "Finding my people" in body


def test_each_view_gets_its_own_copy_of_the_page(client, index, story, monkeypatch):
    """What one request does to its page object (Wagtail and our views set attributes on
    it) never reaches the next request's."""
    from home.services import routing

    warm(client, story.url)
    seen = []
    specific = routing._specific

    def remember(page):
        found = specific(page)
        seen.append(found)
        found.title = "Changed in one request"
        return found

    monkeypatch.setattr(routing, "_specific", remember)
    client.get(story.url)
    monkeypatch.setattr(routing, "_specific", specific)
    assert "Changed in one request" not in client.get(story.url).content.decode()
    assert seen


def test_every_kept_read_is_read_again_after_an_editorial_change(client, index, story):
    warm(client, story.url)
    editorial_stamp.renew()
    first = queries_for(client, story.url)
    editorial_stamp.renew()
    assert len(queries_for(client, story.url)) == len(first)


def test_a_stamp_replaced_on_another_node_is_seen_here(client, index, story):
    """The stamp lives in the shared cache: another web node's change replaces it there,
    and this process's kept values then stand for nothing."""
    warm(client, story.url)
    cache.set(editorial_stamp.STAMP_KEY, "from-another-node", None)
    assert [sql for sql in queries_for(client, story.url) if "wagtailcore_site" in sql]


def test_an_edited_setting_shows_on_the_next_page(client, site, index, story):
    assert "Harbour Mind" not in client.get(story.url).content.decode()
    settings_row = SiteSettings.for_site(site)
    settings_row.organisation_name = "Harbour Mind"
    settings_row.save()
    assert "Harbour Mind" in client.get(story.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, index, story):
    assert client.get(story.url).status_code == 200
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_a_page_added_to_the_menu_shows_on_the_next_page(client, home, index, story):
    assert f'href="{index.url}"' not in client.get(story.url).content.decode()
    republish(index, show_in_menus=True)
    assert f'href="{index.url}"' in client.get(story.url).content.decode()


def test_without_the_stamp_the_kept_menu_would_stay_stale(client, home, index, story, monkeypatch):
    """Control for the test above: with renewals turned off the kept route (and the menu
    read with it) outlives the editor's change."""
    warm(client, story.url)
    monkeypatch.setattr(editorial_stamp, "_replace", lambda: None)
    republish(index, show_in_menus=True)
    assert f'href="{index.url}"' not in client.get(story.url).content.decode()


def test_a_renamed_page_answers_at_its_new_address(client, index):
    story = add_story(index, "Walking together")
    old = story.url
    assert client.get(old).status_code == 200
    republish(story, slug="walking-together-again")
    assert client.get(old).status_code == 404
    assert client.get(old.replace("walking-together", "walking-together-again")).status_code == 200


def test_an_added_site_is_found_on_its_next_request(client, home, index, story):
    warm(client, story.url)
    assert client.get("/", HTTP_HOST="localhost").context["page"].pk == home.pk  # the default
    Site.objects.create(hostname="localhost", port=80, root_page=index)
    response = client.get("/", HTTP_HOST="localhost")
    assert response.context["page"].pk == index.pk


@pytest.mark.parametrize("where", ["kept here", "kept shared"])
def test_each_caller_gets_its_own_copy(db, where):
    keep = {
        "kept here": editorial_stamp.kept_here,
        "kept shared": editorial_stamp.kept_shared,
    }[where]
    first = keep("probe", lambda: {"words": ["calm"]})
    first["words"].append("changed by one request")
    assert keep("probe", lambda: pytest.fail("read again")) == {"words": ["calm"]}


def test_a_change_replaces_the_stamp_again_when_it_commits(db, django_capture_on_commit_callbacks):
    """A value read after the change but before it committed (the old rows) is kept under
    the first new stamp; the second one, at commit, leaves it unused."""
    before = editorial_stamp.current()
    with django_capture_on_commit_callbacks(execute=True):
        editorial_stamp.renew()
        during = editorial_stamp.current()
    assert len({before, during, editorial_stamp.current()}) == 3


def test_with_the_shared_cache_away_nothing_kept_is_used(db, monkeypatch):
    """Each read of the stamp then makes a new one: slower, never stale."""
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    reads = []
    for _ in range(2):
        editorial_stamp.kept_here("probe", lambda: reads.append(1))
    assert len(reads) == 2


def test_saving_an_unrelated_row_keeps_the_stamp(db, django_user_model):
    before = editorial_stamp.current()
    django_user_model.objects.create(username="reader")
    assert editorial_stamp.current() == before


HOSTS = ["tapestry.example", "stories.example", "testserver"]


@pytest.mark.parametrize(
    "layout",
    [
        [("tapestry.example", 80, True)],
        [("tapestry.example", 80, True), ("stories.example", 80, False)],
        [("tapestry.example", 80, True), ("stories.example", 8080, False)],
        [("tapestry.example", 80, False), ("stories.example", 80, False)],
        [("tapestry.example", 8080, True), ("tapestry.example", 80, False)],
        [
            ("tapestry.example", 80, True),
            ("stories.example", 80, False),
            ("stories.example", 8080, False),
        ],
        [("stories.example", 80, False), ("stories.example", 8080, False)],
    ],
)
def test_the_kept_site_is_the_one_wagtail_would_find(home, layout):
    """Wagtail's own query (get_site_for_hostname) is the reference for every host and
    port on each layout of sites."""
    Site.objects.all().delete()
    for hostname, port, default in layout:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=default)
    sites = kept_site.all_sites()
    for hostname, port in itertools.product(HOSTS, ["80", "8080", "443"]):
        try:
            expected = get_site_for_hostname(hostname, port).pk
        except Site.DoesNotExist:
            expected = None
        found = kept_site.best_site(sites, hostname, port)
        assert (found.pk if found else None) == expected, (layout, hostname, port)


def test_made_up_addresses_cannot_crowd_out_what_every_page_needs(
    client, index, story, monkeypatch
):
    """Anyone may ask for any address: routes are kept in a bounded room of their own in
    each process, never in the shared cache, and the site's values keep theirs."""
    monkeypatch.setitem(editorial_stamp.LOCAL_LIMITS, "routes", 5)
    warm(client, story.url)
    for number in range(20):
        assert client.get(f"/no-such-page-{number}/").status_code == 404
    assert len(editorial_stamp._local["routes"]) == 5
    assert "sites" in editorial_stamp._local["site"]
    assert not [key for key in cache._cache if "route:" in str(key)]
    assert [sql for sql in queries_for(client, story.url) if "wagtailcore_site" in sql] == []
