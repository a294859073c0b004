"""Demo content for the events feature: Mental Health Awareness Month 2027 in Riverside.

Each loader compares what is stored with what it would write and saves only differences,
so a second run of ``load_demo`` creates no pages, revisions or occurrences and changes
nothing. The content lives in ``programme`` (events), ``volunteering`` (shifts and
volunteers) and ``attendees``; ``saving`` holds the compare-then-save helpers.
"""

from django.db import transaction
from wagtail.models import Site

from events.calendar.models import CampaignPage, EventIndexPage, EventPage, VolunteeringPage
from events.demo.attendees import load_attendees
from events.demo.partners import load_partners, organiser_for, set_co_hosts
from events.demo.programme import (
    CAMPAIGN,
    DEFAULTS,
    EVENT_SCENES,
    EVENTS,
    INDEX,
    TUESDAY_EXCEPTIONS,
    TUESDAY_JOIN_URL,
    TUESDAY_OVERRIDES,
    VOLUNTEERING,
)
from events.demo.saving import ensure_page, load_kinds, load_venues
from events.demo.spanish import load_spanish
from events.demo.volunteering import load_volunteers, shift_rows
from events.demo_images import demo_image

__all__ = ["TUESDAY_JOIN_URL", "load"]


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


@transaction.atomic
def load(log=print):
    """The events demo: kinds, venues, the event index, the campaign and its programme."""
    home = _home_page()
    if home is None:
        return
    kinds = load_kinds(log)
    venues = load_venues(log)
    index = ensure_page(
        home,
        EventIndexPage,
        INDEX["slug"],
        {k: v for k, v in INDEX.items() if k != "slug"},
        log=log,
    )
    # The way in for volunteers, at /volunteer/ and in the main menu.
    ensure_page(home, VolunteeringPage, "volunteer", VOLUNTEERING, log=log)
    campaign = ensure_page(
        index,
        CampaignPage,
        CAMPAIGN["slug"],
        {k: v for k, v in CAMPAIGN.items() if k != "slug"},
        log=log,
    )
    partners = load_partners(log)
    for slug, kind_slug, venue_key, fields in EVENTS:
        values = {**DEFAULTS, **fields}
        values["organiser"] = organiser_for(slug, partners)
        if slug in EVENT_SCENES:
            values["image"] = demo_image(EVENT_SCENES[slug], log)
        values["kind"] = kinds[kind_slug]
        values["venue"] = venues[venue_key] if venue_key else None
        values["campaign"] = campaign
        exceptions = overrides = None
        if slug == "tuesday-peer-support":
            exceptions = TUESDAY_EXCEPTIONS
            overrides = [
                {**row, "venue": venues[row["venue"]]} if "venue" in row else row
                for row in TUESDAY_OVERRIDES
            ]
            overrides = [
                {k: v for k, v in row.items() if k != "venue"}
                | ({"venue_id": row["venue"].pk} if "venue" in row else {})
                for row in overrides
            ]
        page = ensure_page(
            campaign,
            EventPage,
            slug,
            values,
            log=log,
            exceptions=exceptions,
            overrides=overrides,
            shifts=shift_rows(slug),
        )
        set_co_hosts(page, partners, log)
    load_volunteers(log)
    load_attendees(log)
    # Heals a database from before feed fragments existed; a no-op when all are current.
    from events.calendar.services import feed_fragments

    if feed_fragments.store_all():
        log("Rendered calendar feed entries.")
    load_spanish(home, log)
    return index
