"""What the calendar pages' fields offer: choices, defaults and rich-text features."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.core.time_zones import sorted_time_zones

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Events and campaigns are shared as posts too, so their square and story cards are drawn
# ahead, with the link preview, after each publish.
ALL_CARD_LAYOUTS = ("landscape", "square", "story")


def default_time_zone():
    return settings.TIME_ZONE


def time_zone_choices():
    return [(name, name) for name in sorted_time_zones()]


class RegistrationMode(models.TextChoices):
    OFF = "off", _("No registration")
    OPEN = "open", _("Open: people register on this site")
    INVITE = "invite", _("By invitation only (shows the registration notes)")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class RepeatFrequency(models.TextChoices):
    NONE = "", _("Does not repeat")
    DAILY = "DAILY", _("Daily")
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")
    YEARLY = "YEARLY", _("Yearly")
    # Imported series: the source's own RRULE text and RDATEs, which the friendly fields
    # cannot always hold. Set by the importer only (see events.imports.services.mapping).
    SOURCE = "SOURCE", _("As the source calendar says")


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


class MonthlyPosition(models.IntegerChoices):
    # Translators: as in "the first Monday of the month".
    FIRST = 1, _("First")
    SECOND = 2, _("Second")
    THIRD = 3, _("Third")
    FOURTH = 4, _("Fourth")
    LAST = -1, _("Last")
