"""Whose site this is: the organisation's name from the site settings editors keep.

It signs mails, is their From name, titles the admin and names the calendars. campaign/
imports no app (see docs), so the models are looked up by label.
"""

import time

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError

# A send task may compose thousands of mails: ask the database at most this often.
CACHE_SECONDS = 30
_cached = {"name": None, "until": 0.0}


def organisation_name():
    """The default site's organisation name, else WAGTAIL_SITE_NAME."""
    now = time.monotonic()
    if _cached["name"] is None or now >= _cached["until"]:
        _cached["name"] = _from_site_settings() or settings.WAGTAIL_SITE_NAME
        _cached["until"] = now + CACHE_SECONDS
    return _cached["name"]


def forget():
    """Read the name afresh next time (after an editor saves the site settings)."""
    _cached["name"] = None


def _from_site_settings():
    site_settings = apps.get_model("home", "SiteSettings")
    try:
        name = (
            site_settings.objects.filter(site__is_default_site=True)
            .values_list("organisation_name", flat=True)
            .first()
        )
    except DatabaseError:  # before the first migrate
        return None
    return (name or "").strip() or None
