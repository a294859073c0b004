"""What a page's share card says: a ``CardContent`` built from the page and its branding.

Only public facts go on a card. Event places go through ``public.public_place``, so an
event that shares its address only after registration shows its area and nothing more,
and join links never appear at all.
"""

from datetime import timedelta

from django.utils import timezone

from events.calendar.models import AttendanceMode, CampaignPage, EventPage, EventStatus
from events.calendar.services import public
from events.sharing.services import branding
from events.sharing.services.card_types import DEFAULT_ACCENT, DEFAULT_PRIMARY, CardContent


def image_source(image):
    """A reader for a Wagtail image's file, opened only when the card is drawn."""

    def read():
        with image.file.open("rb") as handle:
            return handle.read()

    return read


def image_key(image):
    # The file hash names the pixels, so the card hash needs no read of the file.
    return f"{image.pk}:{image.file_hash or image.file.name}"


def image_focus(image):
    if image.focal_point_x is None or not image.width or not image.height:
        return (0.5, 0.5)
    return (image.focal_point_x / image.width, image.focal_point_y / image.height)


def _day(value):
    return f"{value:%A} {value.day} {value:%B %Y}"


def event_when(event, occurrence=None):
    """Like "Tuesday 4 May 2027, 18:30 to 20:00", in the event's own time zone."""
    if occurrence is None:
        start, end = event.starts_at, event.ends_at
    else:
        start, end = occurrence.start, occurrence.end
    if start is None:
        return ""
    zone = event.zone
    start = timezone.localtime(start, zone)
    end = timezone.localtime(end, zone) if end else start
    if event.all_day:
        last = (end - timedelta(days=1)).date() if end > start else start.date()
        text = _day(start) if last <= start.date() else f"{_day(start)} to {_day(last)}"
    elif end.date() == start.date():
        text = f"{_day(start)}, {start:%H:%M} to {end:%H:%M}"
    else:
        text = f"{_day(start)}, {start:%H:%M} to {_day(end)}, {end:%H:%M}"
    if event.is_recurring:
        text = f"Next: {text}"
    if event.status == EventStatus.CANCELLED:
        text = f"Cancelled: {text}"
    elif event.status == EventStatus.POSTPONED:
        text = "Postponed"
    return text


def event_where(event, venue):
    """The public place in one short line: "Hall name, area", only the area when the
    address is private, "Online" for online events (never the link)."""
    place = public.public_place(event, venue)
    parts = []
    if place is not None and event.attendance_mode != AttendanceMode.ONLINE:
        parts.append(
            place.area if place.private else ", ".join(p for p in (place.name, place.area) if p)
        )
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        parts.append("Online")
    return " and ".join(part for part in parts if part)


def next_occurrence(event):
    upcoming = [item for item in event.upcoming_occurrences if not item.cancelled]
    return upcoming[0] if upcoming else None


def campaign_dates(campaign):
    start, end = campaign.start_date, campaign.end_date
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def _branded(brand, **values):
    logo = brand.logo
    return CardContent(
        hashtag=brand.hashtag,
        primary=brand.primary or DEFAULT_PRIMARY,
        accent=brand.accent or DEFAULT_ACCENT,
        logo=image_source(logo) if logo else None,
        logo_key=image_key(logo) if logo else "",
        **values,
    )


def _with_background(values, image):
    if image is not None:
        values.update(
            background=image_source(image),
            background_key=image_key(image),
            background_focus=image_focus(image),
        )
    return values


def for_event(event):
    occurrence = next_occurrence(event)
    venue = occurrence.venue if occurrence and occurrence.venue_id else event.venue
    brand = branding.brand_for(event)
    return _branded(
        brand,
        title=event.title,
        kind=event.kind.name,
        when=event_when(event, occurrence),
        where=event_where(event, venue),
        campaign=brand.name,
    )


def for_campaign(campaign):
    brand = branding.brand_for(campaign, campaign)
    values = {
        "title": campaign.title,
        "kind": "Campaign",
        "when": campaign_dates(campaign),
        "where": campaign.theme,
        # The title already names the campaign; the footer names who runs it.
        "campaign": branding.site_brand(campaign).name,
    }
    return _branded(brand, **_with_background(values, campaign.hero_image))


def for_story(page):
    """Stories and advocacy articles (home app): title, kind and their own image."""
    brand = branding.brand_for(page)
    kind = getattr(page, "kind_label", "") or page._meta.verbose_name
    values = {"title": page.title, "kind": kind.capitalize(), "campaign": brand.name}
    return _branded(brand, **_with_background(values, getattr(page, "image", None)))


def for_page(page, layout="landscape"):
    """The card content for any page that has cards. The same for every layout: the
    renderer fits the text to each one."""
    if isinstance(page, EventPage):
        return for_event(page)
    if isinstance(page, CampaignPage):
        return for_campaign(page)
    return for_story(page)
