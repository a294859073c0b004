"""A campaign's programme: what happens between its first and last day, readable at a glance.

Only meetings within the campaign's dates are listed (events of the campaign outside them
are counted and linked). A series that meets often within the campaign is shown once, as
"Every Tuesday, 18:30 to 20:00, 4 meetings" (with an en dash), instead of one card per meeting.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Subquery
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from events.calendar.models import EventIndexPage
from events.calendar.services import listing

# A series with at least this many meetings within the campaign is shown as one run.
RUN_MIN_MEETINGS = 3
EN_DASH = "\u2013"


@dataclass
class Run:
    event: object
    occurrences: list
    url: str

    @property
    def count(self):
        return len(self.occurrences)

    @property
    def summary(self):
        """'Every Tuesday, 18:30-20:00, 4 meetings' when the meetings share day and time."""
        starts = [timezone.localtime(item.start) for item in self.occurrences]
        ends = [timezone.localtime(item.end) for item in self.occurrences]
        count = ngettext("%(count)s meeting", "%(count)s meetings", self.count) % {
            "count": self.count
        }
        weekdays = {start.weekday() for start in starts}
        times = {(start.time(), end.time()) for start, end in zip(starts, ends, strict=True)}
        if len(weekdays) == 1 and len(times) == 1 and not self.occurrences[0].all_day:
            day = date_format(starts[0], "l")
            hours = f"{date_format(starts[0], 'H:i')}{EN_DASH}{date_format(ends[0], 'H:i')}"
            # Translators: e.g. "Every Tuesday, 18:30-20:00, 4 meetings"; day is a weekday name.
            return _("Every %(day)s, %(hours)s, %(count)s") % {
                "day": day,
                "hours": hours,
                "count": count,
            }
        first, last = starts[0], starts[-1]
        # Translators: e.g. "4 meetings, 3 May to 24 May".
        return _("%(count)s, %(first)s to %(last)s") % {
            "count": count,
            # Translators: a date format of Django's date filter, e.g. "3 May".
            "first": date_format(first, pgettext("date format", "j F")),
            "last": date_format(last, pgettext("date format", "j F")),
        }


@dataclass
class Programme:
    runs: list = field(default_factory=list)
    days: list = field(default_factory=list)
    with_year: bool = False
    outside_count: int = 0
    all_url: str = ""

    def __bool__(self):
        return bool(self.runs or self.days)


def campaign_programme(
    campaign, request=None, today=None, run_min=RUN_MIN_MEETINGS, restricted_paths=None
):
    """The programme of ``campaign`` bounded to its dates (site time zone, whole days)."""
    today = today or timezone.localdate()
    of_campaign = listing.for_cards(listing.public_occurrences(restricted_paths)).filter(
        event__campaign=campaign
    )
    begin = listing.local_midnight(campaign.start_date)
    finish = listing.local_midnight(campaign.end_date + timedelta(days=1))
    within = of_campaign.filter(start__gte=begin, start__lt=finish)
    # The meetings outside the campaign's dates are counted in the same query (a scalar
    # subquery the database runs once), not by a query of their own.
    outside = (
        of_campaign.exclude(start__gte=begin, start__lt=finish)
        .order_by()
        .values("event__campaign")
        .annotate(total=Count("pk"))
        .values("total")[:1]
    )
    items = listing.with_urls(within.annotate(outside_total=Subquery(outside)), request)
    outside_count = (items[0].outside_total or 0) if items else of_campaign.count()

    per_event = {}
    for item in items:
        per_event.setdefault(item.event_id, []).append(item)
    run_ids = {
        event_id
        for event_id, meetings in per_event.items()
        if meetings[0].event.rrule and len(meetings) >= run_min
    }
    runs = [
        Run(meetings[0].event, meetings, meetings[0].event.get_url(request))
        for event_id, meetings in per_event.items()
        if event_id in run_ids
    ]
    days = listing.group_by_day(
        [item for item in items if item.event_id not in run_ids], request=request
    )
    return Programme(
        runs=runs,
        days=days,
        # A heading like "Tuesday 4 May" needs its year when it is not this year's May.
        with_year=campaign.start_date.year != campaign.end_date.year
        or campaign.start_date.year != today.year,
        outside_count=outside_count,
        all_url=campaign_listing_url(campaign, request),
    )


def campaign_listing_url(campaign, request=None):
    """The full event listing filtered to this campaign (every date)."""
    index = EventIndexPage.objects.live().first()
    if index is None:
        return ""
    return f"{index.get_url(request)}?campaign={campaign.slug}"
