"""Recurrence rules: build RFC 5545 RRULEs from the friendly form and expand them.

Expansion uses python-dateutil's ``rrule`` (no hand-written rule arithmetic). Rules are
expanded on *naive local wall-clock* datetimes in the event's own IANA zone and each result
is then localised, so a weekly 18:30 meeting stays at 18:30 across daylight-saving changes.
Rules with UNTIL store it in UTC (RFC 5545 requires that with a TZID'd DTSTART); for the
expansion it is converted back to local wall-clock time.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as dateutil_rrule
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar.prop import vRecur


class RecurrenceError(ValueError):
    """A rule the friendly form cannot accept; ``field`` names the form field to blame."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


# RepeatFrequency.SOURCE's value (the models import this module, not the other way round).
SOURCE_REPEAT = "SOURCE"
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def localise(naive, zone):
    """Attach ``zone`` to a wall-clock time (RFC 5545: an ambiguous time is the first one,
    a time inside a spring-forward gap uses the offset from before the gap)."""
    return naive.replace(tzinfo=zone, fold=0)


def to_local_naive(aware, zone):
    return aware.astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class FriendlyRule:
    frequency: str  # "" (no repeat), DAILY, WEEKLY, MONTHLY or YEARLY
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    monthly_position: int | None = None
    until: date | None = None
    count: int | None = None


def build_rrule(rule, *, start_date, zone, all_day=False, end_of_day=time(23, 59, 59)):
    """The RRULE value (without the ``RRULE:`` prefix) for a friendly rule, or ""."""
    if not rule.frequency:
        return ""
    if rule.interval < 1:
        raise RecurrenceError(_("Repeat at least every 1."), field="repeat_interval")
    if rule.until and rule.count:
        raise RecurrenceError(
            _("Give either a last date or a number of meetings, not both."),
            field="repeat_count",
        )
    if rule.until and rule.until < start_date:
        raise RecurrenceError(_("The last date is before the first one."), field="repeat_until")
    for day in rule.weekdays:
        if day not in WEEKDAY_CODES:
            raise RecurrenceError(f"Unknown weekday {day!r}.", field="repeat_weekdays")

    if rule.monthly_position and rule.frequency != "MONTHLY":
        raise RecurrenceError(
            _("A position like 'first' only goes with a monthly repeat."),
            field="repeat_monthly_position",
        )

    parts = {"FREQ": rule.frequency}
    if rule.interval > 1:
        parts["INTERVAL"] = rule.interval
    if rule.frequency == "WEEKLY" and rule.weekdays:
        parts["BYDAY"] = list(rule.weekdays)
    elif rule.frequency == "MONTHLY" and rule.monthly_position:
        if len(rule.weekdays) != 1:
            raise RecurrenceError(
                _("For e.g. 'first Monday' tick exactly one day."), field="repeat_weekdays"
            )
        parts["BYDAY"] = [f"{rule.monthly_position}{rule.weekdays[0]}"]
    if rule.until:
        if all_day:
            parts["UNTIL"] = rule.until
        else:
            local = localise(datetime.combine(rule.until, end_of_day), zone)
            parts["UNTIL"] = local.astimezone(UTC)
    if rule.count:
        parts["COUNT"] = rule.count
    return vRecur(parts).to_ical().decode()


def rule_from_page(page):
    """Build the stored RRULE from an event page's friendly fields.

    An imported series ("as the source says") keeps its source's rule text as it is: the
    friendly fields cannot hold BYMONTHDAY, BYSETPOS, several positioned days and so on.
    """
    if page.repeat == SOURCE_REPEAT:
        return page.repeat_source_rule or ""
    weekdays = tuple(day for day in (page.repeat_weekdays or "").split(",") if day)
    friendly = FriendlyRule(
        frequency=page.repeat or "",
        interval=page.repeat_interval or 1,
        weekdays=weekdays,
        monthly_position=page.repeat_monthly_position,
        until=page.repeat_until,
        count=page.repeat_count,
    )
    return build_rrule(
        friendly, start_date=page.start_date, zone=ZoneInfo(page.time_zone), all_day=page.all_day
    )


def _dateutil_rule(rule_text, local_start, zone):
    """A dateutil rule on naive local datetimes; UNTIL is moved into local time."""
    parts = vRecur.from_ical(rule_text)
    until_values = parts.pop("UNTIL", None)
    rule = dateutil_rrule.rrulestr(vRecur(parts).to_ical().decode(), dtstart=local_start)
    if until_values:
        until = until_values[0]
        if isinstance(until, datetime):
            local_until = to_local_naive(until, zone) if until.tzinfo else until
        else:
            local_until = datetime.combine(until, time.max)
        rule = rule.replace(until=local_until)
    return rule


def expand(rule_text, local_start, zone, *, window_end=None, exdates=(), rdates=(), cap=2000):
    """Naive local start datetimes of a rule, first one first.

    ``window_end`` (aware) stops an infinite rule; ``cap`` bounds any rule. Dates in
    ``exdates`` (local dates) are skipped. ``rdates`` (naive local datetimes, RFC 5545
    RDATE) are added to the rule's dates. Without RRULE and RDATE: just the start.
    """
    if not rule_text and not rdates:
        return [local_start]
    local_window_end = to_local_naive(window_end, zone) if window_end else None
    values = []
    if rule_text:
        rule = _dateutil_rule(rule_text, local_start, zone)
        for index, value in enumerate(rule):
            if index >= cap:
                break
            if local_window_end is not None and value > local_window_end:
                break
            values.append(value)
    else:
        values.append(local_start)
    if rdates:
        extra = {value for value in rdates if local_window_end is None or value <= local_window_end}
        values = sorted(set(values) | extra)[:cap]
    skipped = set(exdates)
    return [value for value in values if value.date() not in skipped]


def check_first_occurrence(rule_text, local_start, zone, *, all_day=False):
    """The first date must itself match the rule, or calendars would disagree about it."""
    first = expand(rule_text, local_start, zone, cap=1)
    if not first:
        raise RecurrenceError(_("This rule gives no dates at all."), field="repeat_until")
    if first[0] != local_start:
        raise RecurrenceError(
            _(
                "The start date must itself be one of the repeating days "
                "(the rule's first date is %(date)s)."
            )
            % {"date": date_format(first[0], pgettext("date format", "l j F Y"))},
            field="start_date",
        )


def duration(local_start, local_end):
    """The wall-clock length of one meeting."""
    return max(local_end - local_start, timedelta(0))
