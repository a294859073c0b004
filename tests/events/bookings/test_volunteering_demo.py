"""The demo's volunteering page: in the main menu, linked from the home page."""

import pytest

from events.models import VolunteeringPage

pytestmark = pytest.mark.django_db


def test_demo_places_the_page_in_the_menu_and_home_links_to_it(client, demo_content):
    page = VolunteeringPage.objects.get(locale__language_code="en-gb")
    home = client.get("/").content.decode()
    volunteer = client.get("/volunteer/")

    assert page.url == "/volunteer/" and page.live and page.show_in_menus
    assert volunteer.status_code == 200
    assert "Sign up" in volunteer.content.decode()
    assert 'href="/volunteer/">Volunteer for a few hours</a>' in home
    assert 'href="/volunteer/"' in home.split("<main")[0]  # the main menu
