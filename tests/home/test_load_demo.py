from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from home.models import HomePage, SiteSettings


def load_demo(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "settings": list(SiteSettings.objects.values()),
    }


@pytest.mark.django_db
def test_demo_sets_up_a_published_home_page_as_the_site_root():
    load_demo()

    home = HomePage.objects.get()
    assert home.live
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # Wagtail's own placeholder page is replaced, not left beside ours.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert "Mental Health Awareness Month" in home.hero_heading


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    before = snapshot()

    output = load_demo()

    assert snapshot() == before
    assert "Created" not in output and "Updated" not in output


@pytest.mark.django_db
def test_demo_repairs_edited_content_with_a_new_revision():
    load_demo()
    home = HomePage.objects.get()
    home.hero_heading = "Changed by hand"
    home.save()

    output = load_demo()

    assert "Updated the home page" in output
    assert "Mental Health Awareness Month" in HomePage.objects.get().hero_heading


@pytest.mark.django_db
def test_demo_admin_is_created_once_in_development(settings):
    settings.DEBUG = True
    load_demo(admin_user="admin", admin_password="first-password-123")
    load_demo(admin_user="admin", admin_password="another-password-456")

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password("first-password-123")


@pytest.mark.django_db
def test_demo_admin_is_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo(admin_user="admin", admin_password="whatever-123")
    assert not get_user_model().objects.filter(username="admin").exists()
