"""What a page's share card says: a ``CardContent`` built from the page and its branding.

Only public facts go on a card. Event places go through ``public.public_place``, so an
event that shares its address only after registration shows its area and nothing more,
and join links never appear at all.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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


# Date formats of Django's date filter, translatable (Spanish says "4 de mayo de 2027").
def _day(value):
    # Translators: a date format of Django's date filter, e.g. "Tuesday 4 May 2027".
    return date_format(value, pgettext("date format", "l j F Y"))


def _date(value):
    # Translators: a date format of Django's date filter, e.g. "4 May 2027".
    return date_format(value, pgettext("date format", "j F Y"))


def _day_month(value):
    # Translators: a date format of Django's date filter, e.g. "4 May".
    return date_format(value, pgettext("date format", "j F"))


def _time(value):
    return date_format(value, "H:i")


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
        if last <= start.date():
            text = _day(start)
        else:
            text = _("%(first)s to %(last)s") % {"first": _day(start), "last": _day(last)}
    elif end.date() == start.date():
        # Translators: e.g. "Tuesday 4 May 2027, 18:30 to 20:00".
        text = _("%(day)s, %(start)s to %(end)s") % {
            "day": _day(start),
            "start": _time(start),
            "end": _time(end),
        }
    else:
        text = _("%(start_day)s, %(start)s to %(end_day)s, %(end)s") % {
            "start_day": _day(start),
            "start": _time(start),
            "end_day": _day(end),
            "end": _time(end),
        }
    if event.is_recurring:
        # Translators: the next meeting of a repeating event, e.g. "Next: Tuesday 4 May...".
        text = _("Next: %(when)s") % {"when": text}
    if event.status == EventStatus.CANCELLED:
        text = _("Cancelled: %(when)s") % {"when": text}
    elif event.status == EventStatus.POSTPONED:
        text = _("Postponed")
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
        parts.append(_("Online"))
    parts = [part for part in parts if part]
    if len(parts) == 2:
        # Translators: a place and "Online", e.g. "Town hall, Riverside and Online".
        return _("%(place)s and %(online)s") % {"place": parts[0], "online": parts[1]}
    return "".join(parts)


def next_occurrence(event):
    upcoming = [item for item in event.upcoming_occurrences if not item.cancelled]
    return upcoming[0] if upcoming else None


def campaign_dates(campaign):
    start, end = campaign.start_date, campaign.end_date
    if start == end:
        return _date(start)
    if (start.year, start.month) == (end.year, end.month):
        # Translators: campaign dates within one month, e.g. "3 to 9 May 2027".
        return _("%(start)s to %(end)s") % {
            "start": date_format(start, "j"),
            "end": _date(end),
        }
    if start.year == end.year:
        return _("%(start)s to %(end)s") % {
            "start": _day_month(start),
            "end": _date(end),
        }
    return _("%(start)s to %(end)s") % {
        "start": _date(start),
        "end": _date(end),
    }


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
    site = branding.site_brand(campaign)
    brand = branding.brand_for(campaign, campaign, site=site)
    values = {
        "title": campaign.title,
        "kind": _("Campaign"),
        "when": campaign_dates(campaign),
        "where": campaign.theme,
        # The title already names the campaign; the footer names who runs it.
        "campaign": site.name,
    }
    return _branded(brand, **_with_background(values, campaign.hero_image))


def for_story(page):
    """Stories and advocacy articles (home app): title, kind and their own image."""
    brand = branding.brand_for(page)
    kind = getattr(page, "kind_label", "") or page._meta.verbose_name
    values = {"title": page.title, "kind": kind.capitalize(), "campaign": brand.name}
    return _branded(brand, **_with_background(values, getattr(page, "image", None)))


def for_page(page, layout="landscape"):
    """The card content for any page that has cards, in the active language. The same
    for every layout: the renderer fits the text to each one. (The store keeps one
    current card per page, layout and language.)"""
    if isinstance(page, EventPage):
        return for_event(page)
    if isinstance(page, CampaignPage):
        return for_campaign(page)
    return for_story(page)
