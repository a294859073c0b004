"""The home page, the default site, its settings and an optional admin user."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from campaign.demo_loading import differs
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
        '<li><a href="/volunteer/">Volunteer for a few hours</a> at the welcome desk or on '
        "a walk.</li></ul>"
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


@transaction.atomic
def load_home_page(log):
    """Make a published HomePage the root of the default site."""
    # The source-language home page: its Spanish version (home.demo.spanish) is another one.
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a plain "Welcome" page at slug "home"; replace it.
        for child in root.get_children().filter(slug="home").exact_type(Page):
            child.delete()
        home = root.add_child(instance=HomePage(slug="home", live=False, **HOME))
        home.save_revision().publish()
        log("Created the home page.")
    elif differs(home, HOME):
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
    sync_site_address(Site.objects.get(is_default_site=True), log)
    return home


def sync_site_address(site, log):
    """The Site record carries the run's one address, so pages' full URLs match the mails'."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
        log(f"Set the site address to {hostname}:{port}.")


def load_site_settings(site, log):
    # Wagtail's dashboard greets editors with the Site record's name.
    if site.site_name != SETTINGS["organisation_name"]:
        site.site_name = SETTINGS["organisation_name"]
        site.save()
    site_settings = SiteSettings.for_site(site)
    if differs(site_settings, SETTINGS):
        for field, value in SETTINGS.items():
            setattr(site_settings, field, value)
        site_settings.save()
        log("Wrote the site settings.")


# The demo admin's mail (comments to moderate, stories shared) lands in var/mail/.
ADMIN_EMAIL = "editor@riverside-recovery.example"


def ensure_admin(username, password, log):
    """A superuser for trying the admin locally; only a missing email is filled in later."""
    User = get_user_model()
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        if not existing.email:
            existing.email = ADMIN_EMAIL
            existing.save(update_fields=["email"])
            log(f"Gave the admin user {username!r} an email address.")
        return
    User.objects.create_superuser(username=username, email=ADMIN_EMAIL, password=password)
    log(f"Created the admin user {username!r}.")


def load_site(log=print):
    """The home page and site settings: what every later part of the demo hangs from."""
    load_home_page(log)
    site = Site.objects.get(is_default_site=True)
    load_site_settings(site, log)
