"""Demo content for a local Mental Health Awareness Month. Safe to load again and again.

Each loader compares what is stored with what it would write and saves only differences,
so a second run creates no revisions and changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings

HOME = {
    "title": "Home",
    "hero_heading": "Mental Health Awareness Month: you are not on your own",
    "hero_text": (
        "Throughout May, the Riverside Recovery Network opens its doors: free workshops, "
        "peer support groups, walks by the river and stories from people who have been there."
    ),
    "hero_link_text": "",
    "intro": (
        "<p>Riverside Recovery Network is a group of neighbours, peer supporters and local "
        "charities. Everything this month is free, and you can take part as much or as "
        "little as feels right.</p>"
        "<ul><li>Come to a workshop, or just listen.</li>"
        "<li>Join a support group where people talk openly and nobody judges.</li>"
        "<li>Volunteer for a few hours at the welcome desk or on a walk.</li></ul>"
    ),
    "search_description": (
        "Free workshops, peer support groups and community events for Mental Health "
        "Awareness Month in Riverside."
    ),
}

SETTINGS = {
    "organisation_name": "Riverside Recovery Network",
    "tagline": "Community support for mental health, all year round",
    "contact_email": "hello@riverside-recovery.example",
    "footer_text": (
        "Riverside Recovery Network is a volunteer-led community group. We are not an "
        "emergency service: if you are in danger right now, call your local emergency number."
    ),
}


def _differs(obj, values):
    return any(getattr(obj, field) != value for field, value in values.items())


@transaction.atomic
def load_home_page(log):
    """Make a published HomePage the root of the default site."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a plain "Welcome" page at slug "home"; replace it.
        for child in root.get_children().filter(slug="home").exact_type(Page):
            child.delete()
        home = root.add_child(instance=HomePage(slug="home", live=False, **HOME))
        home.save_revision().publish()
        log("Created the home page.")
    elif _differs(home, HOME):
        for field, value in HOME.items():
            setattr(home, field, value)
        home.save_revision().publish()
        log("Updated the home page.")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Tapestry"
        )
        log("Created the default site.")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        log("Pointed the default site at the home page.")
    return home


def load_site_settings(site, log):
    site_settings = SiteSettings.for_site(site)
    if _differs(site_settings, SETTINGS):
        for field, value in SETTINGS.items():
            setattr(site_settings, field, value)
        site_settings.save()
        log("Wrote the site settings.")


def ensure_admin(username, password, log):
    """A superuser for trying the admin locally; never touched once it exists."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return
    User.objects.create_superuser(username=username, email="", password=password)
    log(f"Created the admin user {username!r}.")


def load_site(log=print):
    """The home page and site settings: what every later part of the demo hangs from."""
    load_home_page(log)
    site = Site.objects.get(is_default_site=True)
    load_site_settings(site, log)
