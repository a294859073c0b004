"""What the calendar pages' fields offer: choices, defaults and rich-text features."""

from zoneinfo import available_timezones

from django.conf import settings
from django.db import models

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Events and campaigns are shared as posts too, so their square and story cards are drawn
# ahead, with the link preview, after each publish.
ALL_CARD_LAYOUTS = ("landscape", "square", "story")


def default_time_zone():
    return settings.TIME_ZONE


def time_zone_choices():
    return [(name, name) for name in sorted(available_timezones())]


class RegistrationMode(models.TextChoices):
    OFF = "off", "No registration"
    OPEN = "open", "Open: people register on this site"
    INVITE = "invite", "By invitation only (shows the registration notes)"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


class RepeatFrequency(models.TextChoices):
    NONE = "", "Does not repeat"
    DAILY = "DAILY", "Daily"
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"
    YEARLY = "YEARLY", "Yearly"
    # Imported series: the source's own RRULE text and RDATEs, which the friendly fields
    # cannot always hold. Set by the importer only (see events.imports.services.mapping).
    SOURCE = "SOURCE", "As the source calendar says"


class Weekday(models.TextChoices):
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


class MonthlyPosition(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"
