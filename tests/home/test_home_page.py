import re

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home import demo
from home.models import HomePage


class HomePageRulesTests(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_top_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_there_is_only_one_home_page(self):
        root = Page.get_first_root_node()
        root.add_child(instance=HomePage(title="Home", slug="home-one", hero_heading="Hi"))
        self.assertFalse(HomePage.can_create_at(root))


def test_home_page_renders_with_landmarks_and_one_heading(client, home):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert "<header" in html and "<footer" in html and 'aria-label="Main"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert home.hero_heading in html


def test_home_page_loads_nothing_from_other_origins(client, home):
    html = client.get("/").content.decode()

    assert '<link rel="stylesheet" href="/static/css/tapestry.css">' in html
    external = re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', html)
    assert external == []
    assert "<script" not in html


def test_empty_event_and_story_slots_say_so_calmly(client, home):
    html = client.get("/").content.decode()

    assert "No events are listed yet" in html
    assert "Stories from our community will appear here" in html


def test_site_settings_appear_in_header_and_footer(client, home):
    demo.load_site_settings(Site.objects.get(is_default_site=True), log=lambda message: None)

    html = client.get("/").content.decode()

    assert demo.SETTINGS["organisation_name"] in html
    assert "We are not an emergency service" in html


def test_unknown_page_gets_a_friendly_404(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "find that page" in response.content.decode()
