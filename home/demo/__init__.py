"""Demo content for a local Mental Health Awareness Month. Safe to load again and again.

Each loader compares what is stored with what it would write and saves only differences,
so a second run creates no revisions and changes nothing. ``site`` holds the home page and
settings, ``story_content`` and ``stories`` the stories, ``trust`` the privacy notice and
accessibility statement, ``spanish`` the Spanish versions of the editorial pages.
"""

from home.demo.site import (
    ADMIN_EMAIL,
    SETTINGS,
    ensure_admin,
    load_home_page,
    load_site,
    load_site_settings,
)
from home.demo.spanish import load_spanish_pages
from home.demo.stories import load_stories
from home.demo.trust import load_trust_pages

__all__ = [
    "ADMIN_EMAIL",
    "SETTINGS",
    "ensure_admin",
    "load_home_page",
    "load_site",
    "load_site_settings",
    "load_spanish_pages",
    "load_stories",
    "load_trust_pages",
]
