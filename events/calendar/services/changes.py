"""Material changes: what makes calendar clients re-read an entry (SEQUENCE, LAST-MODIFIED).

A change is material when it moves the entry in time or place or changes its status or
recurrence: start, end, all-day, time zone, venue (and the venue's address), attendance
mode, join link, status, the rule, skipped dates and changed meetings. Titles, summaries
and bodies are not material. ``sequence`` starts at 0 on first publication and goes up by
one for each later material change.
"""

import hashlib
import json

from django.utils import timezone

from events.calendar.models import CampaignPage, EventPage


def _event_material(event):
    venue = event.venue
    return {
        "start": [str(event.start_date), str(event.start_time)],
        "end": [str(event.end_date), str(event.end_time)],
        "all_day": event.all_day,
        "zone": event.time_zone,
        "venue": [venue.pk, venue.name, venue.address] if venue else None,
        "mode": event.attendance_mode,
        "join": event.join_url,
        "status": event.status,
        "rrule": event.rrule,
        "exdates": sorted(str(exception.date) for exception in event.exceptions.all()),
        "overrides": sorted(
            [
                str(o.original_date),
                o.cancelled,
                str(o.new_date),
                str(o.new_start_time),
                str(o.new_end_time),
                o.venue_id,
            ]
            for o in event.overrides.all()
        ),
    }


def _campaign_material(campaign):
    return {"start": str(campaign.start_date), "end": str(campaign.end_date)}


def fingerprint(page):
    if isinstance(page, EventPage):
        material = _event_material(page)
    elif isinstance(page, CampaignPage):
        material = _campaign_material(page)
    else:
        raise TypeError(f"{type(page).__name__} has no calendar identity")
    encoded = json.dumps(material, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def record(page, *, now=None, just_read=False):
    """Compare the page's material fields with the last recorded ones; bump if they differ.

    Returns True when a material change was recorded. Writes with a queryset update so no
    revision is created and the page's other fields are untouched. ``just_read``: the page
    was just read from its row, whose recorded values it holds (not read again).
    """
    now = now or timezone.now()
    model = type(page)
    if just_read:
        stored = {"material_fingerprint": page.material_fingerprint, "sequence": page.sequence}
    else:
        stored = model.objects.filter(pk=page.pk).values("material_fingerprint", "sequence")
        stored = stored.get()
    current = fingerprint(page)
    if stored["material_fingerprint"] == current:
        return False
    sequence = stored["sequence"] + 1 if stored["material_fingerprint"] else stored["sequence"]
    model.objects.filter(pk=page.pk).update(
        material_fingerprint=current, sequence=sequence, last_material_change=now
    )
    page.material_fingerprint = current
    page.sequence = sequence
    page.last_material_change = now
    return True
