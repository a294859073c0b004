"""The header (name, words, menu, search) and the footer are kept rendered per editorial
stamp, host, language and, for the header, the page it marks in the menu."""

import pytest
from django.utils import translation

from home.models import SiteSettings
from home.templatetags import navigation_tags
from tests.events import factories
from tests.support.kept_fragments import watch_calls

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(monkeypatch):
    return watch_calls(monkeypatch, navigation_tags, "_draw")


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_draws_neither_again(client, drawn):
    index = factories.site_with_index()
    first, second = page_html(client, index.url), page_html(client, index.url)

    assert header(first) == header(second) and footer(first) == footer(second)
    drawn_names = sorted(template_name for _context, template_name in drawn)
    assert drawn_names == ["components/site_footer.html", "components/site_header.html"]


def test_the_menu_marks_the_page_it_is_on(client):
    index = factories.site_with_index()
    index.show_in_menus = True
    index.save_revision().publish()

    on_home, on_index = page_html(client, "/"), page_html(client, index.url)

    assert '<a href="/" aria-current="page">' in header(on_home)
    assert f'<a href="{index.url}" aria-current="page">' in header(on_index)
    assert '<a href="/" aria-current="page">' not in header(on_index)
    assert footer(on_home) == footer(on_index)


def test_edited_settings_show_on_the_next_request(client):
    factories.site_with_index()
    page_html(client, "/")
    site_settings = SiteSettings.objects.get()
    site_settings.organisation_name = "Riverside Minds"
    site_settings.contact_email = "hello@riverside.example"
    site_settings.save()

    html = page_html(client, "/")

    assert "Riverside Minds" in header(html)
    assert "hello@riverside.example" in footer(html)


def test_each_language_has_its_own(client):
    factories.site_with_index()
    english = page_html(client, "/")
    spanish = page_html(client, "/es/")

    with translation.override("es"):
        search = translation.gettext("Search this site")
    assert search != "Search this site"
    assert search in header(spanish) and "Search this site" in header(english)


def test_nothing_per_reader_is_kept(client, django_user_model):
    factories.site_with_index()
    anonymous = page_html(client, "/")
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    signed_in = page_html(client, "/")

    assert header(anonymous) == header(signed_in) and footer(anonymous) == footer(signed_in)
    assert "csrfmiddlewaretoken" not in header(anonymous) + footer(anonymous)
