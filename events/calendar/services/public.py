"""What the public may see of an event's place and link: the one gate for every output.

Pages, JSON-LD, add-to-calendar links and feeds all ask here, so an address or join link
marked "shared after registration" cannot leak through one of them.
"""

from dataclasses import dataclass, field
from datetime import UTC
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.calendar.models import AttendanceMode, EventStatus, languages

PRIVATE_NOTE = _("The exact place is shared with people who register.")
PRIVATE_LINK_NOTE = _("The joining link is shared with people who register.")


@dataclass(frozen=True)
class PublicPlace:
    """The public view of a venue for one event (or one meeting of it)."""

    private: bool
    area: str
    name: str = ""
    address_lines: tuple = ()
    latitude: float | None = None
    longitude: float | None = None
    access_features: list = field(default_factory=list)
    access_notes: str = ""

    @property
    def osm_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    @property
    def text(self):
        """One line for calendars: full address, or only the area when private."""
        if self.private:
            return self.area
        return ", ".join([self.name, *self.address_lines])


def public_place(event, venue):
    if venue is None:
        return None
    if event.address_after_registration:
        # Access features help people decide whether they can come; they reveal no place.
        return PublicPlace(private=True, area=venue.area, access_features=venue.access_features)
    lines = tuple(line.strip() for line in venue.address.splitlines() if line.strip())
    return PublicPlace(
        private=False,
        area=venue.area,
        name=venue.name,
        address_lines=lines,
        latitude=float(venue.latitude) if venue.latitude is not None else None,
        longitude=float(venue.longitude) if venue.longitude is not None else None,
        access_features=venue.access_features,
        access_notes=venue.access_notes,
    )


def public_join_url(event):
    if event.attendance_mode == AttendanceMode.IN_PERSON or event.join_link_after_registration:
        return ""
    return event.join_url


def location_text(event, venue):
    place = public_place(event, venue)
    parts = []
    if place is not None:
        parts.append(place.text)
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        parts.append(public_join_url(event) or "Online")
    return " / ".join(part for part in parts if part)


def occurrence_status(event, occurrence):
    """One of scheduled, postponed, cancelled, moved for this meeting."""
    if event.status == EventStatus.CANCELLED or (occurrence and occurrence.cancelled):
        return "cancelled"
    if event.status == EventStatus.POSTPONED:
        return "postponed"
    if occurrence is not None and occurrence.moved:
        return "moved"
    return "scheduled"


SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
    "moved": "https://schema.org/EventRescheduled",
}
SCHEMA_MODE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _iso(value, event, all_day):
    local = timezone.localtime(value, event.zone)
    return local.date().isoformat() if all_day else local.isoformat()


def language_code(language):
    """A language as a BCP 47 code for machines ("English" -> "en"); codes pass through."""
    return languages.from_text(language)[0]


def _postal_address(place):
    """Address lines split the way schema.org names them: a last line with a digit is the
    postcode, the line before it the town, the rest the street (without the place name)."""
    lines = [line for line in place.address_lines if line and line != place.name]
    parts = {}
    if len(lines) > 1 and any(ch.isdigit() for ch in lines[-1]) and len(lines[-1]) <= 12:
        parts["postalCode"] = lines.pop()
    if len(lines) > 1:
        parts["addressLocality"] = lines.pop()
    parts["streetAddress"] = ", ".join(lines)
    return parts


def jsonld(
    event,
    occurrence,
    url,
    *,
    organizer=None,
    image_url="",
    currency="GBP",
    pictures=(),
    series_url="",
):
    """A schema.org Event for one meeting, with nothing the public may not see.

    ``organizer`` is a dict with the organisation's ``name`` and ``url`` (or a list of them:
    an organiser and its co-hosts; schema.org allows several values); a free event
    gets an offer at price 0, as search engines expect for free events. A meeting of a
    repeating event names its series (``superEvent``, an EventSeries with its schedule)."""
    start = occurrence.start if occurrence else event.starts_at
    end = occurrence.end if occurrence else event.ends_at
    all_day = event.all_day
    venue = occurrence.venue if occurrence else event.venue
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": _iso(start, event, all_day),
        "endDate": _iso(end, event, all_day),
        "eventStatus": SCHEMA_STATUS[occurrence_status(event, occurrence)],
        "eventAttendanceMode": SCHEMA_MODE[event.attendance_mode],
        "inLanguage": language_code(event.language),
        "isAccessibleForFree": not event.cost,
    }
    # The event's own picture first (``pictures``: absolute URLs), then its share card.
    images = [address for address in (*pictures, image_url) if address]
    if images:
        data["image"] = images
    if isinstance(organizer, dict):
        organizer = [organizer]
    organizations = [{"@type": "Organization", **each} for each in organizer or ()]
    if organizations:
        data["organizer"] = organizations[0] if len(organizations) == 1 else organizations
    if not event.cost:
        data["offers"] = {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": currency,
            "availability": "https://schema.org/InStock",
            "url": url,
        }
    locations = []
    place = public_place(event, venue)
    if place is not None:
        address = {"@type": "PostalAddress", "addressLocality": place.area}
        if not place.private:
            address.update(_postal_address(place))
        location = {"@type": "Place", "address": address}
        if not place.private:
            location["name"] = place.name
            if place.latitude is not None:
                location["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                }
        else:
            location["name"] = place.area
        locations.append(location)
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        virtual = {"@type": "VirtualLocation"}
        join = public_join_url(event)
        virtual["url"] = join or url
        locations.append(virtual)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.is_recurring and event.repeat in PERIOD_LETTERS:
        data["superEvent"] = event_series(event, series_url or url)
    return data


SCHEMA_DAYS = {
    "MO": "https://schema.org/Monday",
    "TU": "https://schema.org/Tuesday",
    "WE": "https://schema.org/Wednesday",
    "TH": "https://schema.org/Thursday",
    "FR": "https://schema.org/Friday",
    "SA": "https://schema.org/Saturday",
    "SU": "https://schema.org/Sunday",
}
# ISO 8601 period letters for schema.org's repeatFrequency.
PERIOD_LETTERS = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}


def event_series(event, url):
    """A repeating event as a schema.org EventSeries with its Schedule: how often, on which
    days, at what local time in which zone, from when and until when. Built from the
    editor's repeat fields, the same ones the occurrences are expanded from."""
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": f"P{event.repeat_interval or 1}{PERIOD_LETTERS[event.repeat]}",
        "startDate": event.start_date.isoformat(),
        "scheduleTimezone": event.time_zone,
    }
    days = [SCHEMA_DAYS[day] for day in event.repeat_weekdays.split(",") if day in SCHEMA_DAYS]
    if days:
        schedule["byDay"] = days[0] if len(days) == 1 else days
    if event.repeat == "MONTHLY" and event.repeat_monthly_position:
        schedule["byMonthWeek"] = event.repeat_monthly_position
    if not event.all_day:
        schedule["startTime"] = event.local_start.time().isoformat(timespec="minutes")
        schedule["endTime"] = event.local_end.time().isoformat(timespec="minutes")
    if event.repeat_until:
        schedule["endDate"] = event.repeat_until.isoformat()
    if event.repeat_count:
        schedule["repeatCount"] = event.repeat_count
    return {
        "@type": "EventSeries",
        "name": event.title,
        "url": url,
        "eventSchedule": schedule,
    }


def google_calendar_url(event, occurrence, url):
    start, end = occurrence.start, occurrence.end
    if event.all_day:
        local_start = timezone.localtime(start, event.zone).date()
        local_end = timezone.localtime(end, event.zone).date()
        dates = f"{local_start:%Y%m%d}/{local_end:%Y%m%d}"
    else:
        dates = f"{_utc(start)}/{_utc(end)}"
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": f"{event.summary}\n\n{url}",
        "location": location_text(event, occurrence.venue),
        "ctz": event.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, occurrence, url):
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": occurrence.start.isoformat(),
        "enddt": occurrence.end.isoformat(),
        "body": f"{event.summary}\n\n{url}",
        "location": location_text(event, occurrence.venue),
    }
    if event.all_day:
        query["allday"] = "true"
        query["startdt"] = timezone.localtime(occurrence.start, event.zone).date().isoformat()
        query["enddt"] = timezone.localtime(occurrence.end, event.zone).date().isoformat()
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(query)


def _utc(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
