"""The embeddable calendar: /embed/events/ and /embed/month/ for partner sites' <iframe>s.

They take the public listing's filters (the same filter set and queries), set no cookie
(nothing here asks for a session, a CSRF token or a message) and, unlike every other page,
may be framed: their Content-Security-Policy names the allowed ancestors
(TAPESTRY_EMBED_FRAME_ANCESTORS) and they are exempt from X-Frame-Options.
"""

from datetime import date
from functools import wraps

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from events.calendar.models import EventIndexPage
from events.calendar.services import listing

UPCOMING_LIMIT = 20


def frameable(view):
    """Let the sites the setting names (any site by default) frame this view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        ancestors = list(settings.TAPESTRY_EMBED_FRAME_ANCESTORS) or ["*"]
        framed = csp_replace({"frame-ancestors": ancestors})(view)
        return framed(request, *args, **kwargs)

    return require_safe(xframe_options_exempt(wrapped))


def _filter_query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _context(request, filterset, subpage=None):
    """What both embeds show around the events: the way back to the full calendar, and a
    calm word when a filter value was not understood (it is then ignored)."""
    index = EventIndexPage.objects.live().public().first()
    full_calendar = "/"
    if index is not None:
        full_calendar = index.get_url(request)
        if subpage:
            name, args = subpage
            full_calendar += index.reverse_subpage(name, args=args)
    filter_query = _filter_query(request)
    if filter_query:
        full_calendar += "?" + filter_query
    return {
        "filter_query": filter_query,
        "filter_errors": filterset.is_bound and not filterset.form.is_valid(),
        "is_filtered": filterset.is_filtered(),
        "full_calendar_url": full_calendar,
    }


@frameable
def upcoming(request):
    filterset, queryset = listing.apply_filters(request.GET)
    shown = listing.upcoming(queryset)[:UPCOMING_LIMIT]
    context = _context(request, filterset)
    context["days"] = listing.group_by_day(shown, request)
    return render(request, "events/embed/upcoming.html", context)


def _shift(year, month, step):
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


@frameable
def month(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and date.min.year < year < date.max.year):
        raise Http404("No such month")
    filterset, queryset = listing.apply_filters(request.GET)
    context = _context(request, filterset, ("month_view", (year, month)))
    weeks = listing.month_grid(queryset, year, month, request)
    context.update(
        {
            "month_start": date(year, month, 1),
            "weeks": weeks,
            "month_is_empty": listing.month_is_empty(weeks),
            "previous_month": reverse("events:embed_month", args=_shift(year, month, -1)),
            "next_month": reverse("events:embed_month", args=_shift(year, month, 1)),
        }
    )
    return render(request, "events/embed/month.html", context)
