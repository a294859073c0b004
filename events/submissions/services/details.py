"""The event fields a submitter controls, and how they land on an event page.

The form hands over a dict of cleaned values; ``apply`` writes them onto a page (a new
draft or the latest revision of an existing one). Material fields are those whose change
matters to someone who already planned to come: time, place, join link, status.
"""

import html

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from events.calendar.models import EventStatus, RepeatFrequency, Venue
from events.submissions.services import text

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PAGE_FIELDS = (
    "title",
    "summary",
    "kind",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "time_zone",
    "attendance_mode",
    "join_url",
    "cost",
)
VENUE_FIELDS = ("venue_name", "venue_address", "venue_area")
MATERIAL = (
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "time_zone",
    "repeats_weekly",
    "repeat_until",
    "attendance_mode",
    "join_url",
    *VENUE_FIELDS,
    "status",
)


class InvalidEvent(Exception):
    """The values do not make an event; ``errors`` maps form fields to messages."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def from_page(page, organiser=""):
    """The submitter's view of ``page``: what the edit form starts from."""
    venue = page.venue
    return {
        **{name: getattr(page, name) for name in PAGE_FIELDS},
        "description": description_of(page, organiser),
        "repeats_weekly": page.repeat == RepeatFrequency.WEEKLY,
        "repeat_until": page.repeat_until,
        "venue_name": venue.name if venue else "",
        "venue_address": venue.address if venue else "",
        "venue_area": venue.area if venue else "",
        "status": page.status,
        "status_reason": page.status_reason,
    }


def organiser_line(organiser):
    return f"Organised by {text.single_line(organiser)}"


def description_of(page, organiser=""):
    """The plain text of the page's paragraphs, without the organiser line we added."""
    paragraphs = [
        strip_tags(block.value.source.replace("<br/>", "\n"))
        for block in page.body
        if block.block_type == "paragraph"
    ]
    if organiser and paragraphs and paragraphs[-1] == organiser_line(organiser):
        paragraphs.pop()
    return "\n\n".join(html.unescape(part) for part in paragraphs)


def material_changes(before, after):
    """The material fields whose value differs between two ``from_page``-shaped dicts."""
    return [name for name in MATERIAL if _norm(before.get(name)) != _norm(after.get(name))]


def _norm(value):
    return value.strip() if isinstance(value, str) else value


def apply(page, values):
    """Write the submitter's values onto ``page`` (unsaved); raise InvalidEvent if they
    do not make a valid event. A changed place becomes a new venue row, so the live page
    keeps its venue until the change is approved."""
    for name in PAGE_FIELDS:
        if name in values:
            setattr(page, name, values[name])
    page.title = text.single_line(page.title)
    page.summary = Truncator(text.single_line(page.summary)).chars(300)
    page.cost = text.single_line(page.cost)
    page.all_day = False
    if values.get("repeats_weekly"):
        page.repeat = RepeatFrequency.WEEKLY
        page.repeat_interval = 1
        page.repeat_weekdays = WEEKDAYS[page.start_date.weekday()]
        page.repeat_until = values.get("repeat_until")
    else:
        page.repeat = RepeatFrequency.NONE
        page.repeat_weekdays = ""
        page.repeat_until = None
    if "status" in values:
        page.status = values["status"] or EventStatus.SCHEDULED
        page.status_reason = text.single_line(values.get("status_reason", ""))[:300]
    if "description" in values:
        paragraphs = text.paragraphs_html(values["description"])
        if values.get("organiser"):
            paragraphs.append(text.paragraphs_html(organiser_line(values["organiser"]))[0])
        page.body = [("paragraph", RichText(html)) for html in paragraphs]
    _apply_venue(page, values)
    try:
        page.clean()
    except ValidationError as exc:
        raise InvalidEvent(_form_errors(exc)) from exc


def _apply_venue(page, values):
    if page.attendance_mode == "online":
        page.venue = None
        return
    wanted = {name: text.plain(values.get(name, "")) for name in VENUE_FIELDS}
    current = page.venue
    if current is not None and (current.name, current.address, current.area) == tuple(
        wanted.values()
    ):
        return
    if not all(wanted.values()):
        raise InvalidEvent(
            {
                name: _("Give the venue's name, address and area for an event in person.")
                for name, value in wanted.items()
                if not value
            }
        )
    page.venue = Venue.objects.create(
        name=wanted["venue_name"][:120],
        address=wanted["venue_address"],
        area=wanted["venue_area"][:80],
    )


# Model errors name model fields; the form has its own names for some of them.
FORM_FIELD = {"venue": "venue_name", "repeat": "repeats_weekly", "repeat_weekdays": "start_date"}


def _form_errors(exc):
    errors = {}
    for field, messages in exc.message_dict.items():
        name = FORM_FIELD.get(field, field)
        errors.setdefault(None if name == "__all__" else name, []).extend(messages)
    return errors
