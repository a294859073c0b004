"""Registrations over time for a campaign: per day (or week), and how people heard of us.

Counts only (no names), so any admin user may see it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from events.bookings.models import Booking, HowHeard, StandingRegistration
from events.bookings.services.roster import current_campaign
from events.calendar.models import CampaignPage

Status = Booking.Status
# Past six weeks of sign-ups a day per row would make a long table: draw a week a row.
WEEKLY_AFTER_DAYS = 42


@dataclass(frozen=True)
class Period:
    start: object  # a date: the day, or the Monday of the week
    count: int


@dataclass
class SignupChart:
    """Counts only (no names): any admin user may see it."""

    campaign: CampaignPage
    periods: list
    weekly: bool
    total: int
    highest: int
    how_heard: list  # (answer, count), every answer in the form's order, then no answer


def campaign_signups(campaign):
    """People's registrations for the campaign's events, each sign-up counted once.

    Left out: holds that lapsed because the email link was never used (nobody
    registered), and the meetings booked automatically for someone's "every meeting"
    standing registration (one sign-up, counted once, at the meeting they first booked).
    """
    automatic = StandingRegistration.objects.filter(
        event_id=OuterRef("bookable__registration__event_id"),
        person_id=OuterRef("person_id"),
        created_at__lte=OuterRef("created_at"),
    ).exclude(first_booking_id=OuterRef("pk"))
    automatic = automatic.filter(
        Q(cancelled_at__isnull=True) | Q(cancelled_at__gt=OuterRef("created_at"))
    )
    return (
        Booking.objects.filter(bookable__registration__event__campaign=campaign)
        .exclude(status=Status.PENDING)
        .exclude(status=Status.EXPIRED, confirmed_at__isnull=True)
        .exclude(Exists(automatic))
    )


def signup_chart(campaign=None, now=None):
    """Registrations per day (or week) for a campaign, by default the current or next.

    Days without a sign-up are rows with 0, from the first sign-up until today (or the
    campaign's end), so the chart's shape is honest. None when there is no campaign.
    """
    now = now or timezone.now()
    campaign = campaign or current_campaign(now)
    if campaign is None:
        return None
    signups = campaign_signups(campaign)
    per_day = dict(
        signups.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    answers = dict(signups.values_list("how_heard").annotate(count=Count("pk")))
    how_heard = [(label, answers.get(value, 0)) for value, label in HowHeard.choices]
    how_heard.append(("Did not say", answers.get("", 0)))
    periods, weekly = [], False
    if per_day:
        first = min(per_day)
        last = max(max(per_day), min(timezone.localdate(now), campaign.end_date))
        weekly = (last - first).days >= WEEKLY_AFTER_DAYS
        if weekly:
            first -= timedelta(days=first.weekday())
        step = timedelta(days=7 if weekly else 1)
        day = first
        while day <= last:
            count = sum(per_day.get(day + timedelta(days=n), 0) for n in range(step.days))
            periods.append(Period(day, count))
            day += step
    return SignupChart(
        campaign,
        periods,
        weekly,
        total=sum(per_day.values()),
        highest=max((period.count for period in periods), default=0),
        how_heard=how_heard,
    )
