"""Check-in at the door (Wagtail admin, coordinators only): today's shifts and meetings,
one big button per person, walk-ins, and a printable sign-in sheet.

Every page names people, so every view needs ``roster.DETAILS_PERMISSION``. The tap and
walk-in views answer a script's ``fetch`` with JSON (so a failed tap can say so and be
retried without losing the page) and a plain form post with a redirect. The rules live in
``events.bookings.services.checkin``.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.bookings.models import Booking
from events.bookings.services import checkin, roster
from events.bookings.services.booking import BookingError
from events.bookings.views.roster import ATTENDEES, VOLUNTEERS, require_details

KINDS = {"shifts": VOLUNTEERS, "registrations": ATTENDEES}


class WalkInForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=254,
        help_text=gettext_lazy("For their confirmation and reminders."),
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)


def _pages(kind):
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def _bookable(request, kind, bookable_id):
    require_details(request.user)
    pages = _pages(kind)
    bookable = get_object_or_404(pages.kind.model.objects.select_related("event"), pk=bookable_id)
    return pages, bookable


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _crumbs(*items):
    home = {"url": reverse("wagtailadmin_home"), "label": _("Home")}
    today = {"url": reverse("events_admin:checkin"), "label": _("Check-in")}
    return [home, today, *items]


def today(request):
    require_details(request.user)
    groups = [(pages, kind, checkin.todays(pages.kind)) for kind, pages in KINDS.items()]
    return TemplateResponse(
        request,
        "events/admin/checkin_today.html",
        {
            "header_title": _("Check-in"),
            "header_icon": "tick",
            "breadcrumbs_items": [*_crumbs()[:-1], {"url": "", "label": _("Check-in")}],
            "groups": groups,
            "date": timezone.localdate(),
        },
    )


def _context(request, pages, kind, bookable, **extra):
    label = pages.heading(bookable)
    return {
        "header_title": _("Check-in: %(label)s") % {"label": label},
        "header_icon": "tick",
        "breadcrumbs_items": _crumbs({"url": "", "label": label}),
        "pages": pages,
        "kind": kind,
        "bookable": bookable,
        "label": label,
        "local_start": roster.local_time(bookable.starts_at, bookable.time_zone),
        "counts": checkin.counts(bookable),
        "open": roster.attendance_open(bookable),
        **extra,
    }


def door(request, kind, bookable_id):
    pages, bookable = _bookable(request, kind, bookable_id)
    query = request.GET.get("q", "")[:120]
    context = _context(
        request,
        pages,
        kind,
        bookable,
        query=query,
        people=checkin.people(bookable, query),
        form=WalkInForm(),
    )
    return TemplateResponse(request, "events/admin/checkin_door.html", context)


def _answer(request, pages, kind, bookable, *, ok, message, booking=None, status=200):
    if _wants_json(request):
        counts = checkin.counts(bookable)
        return JsonResponse(
            {
                "ok": ok,
                "message": message,
                "attended": bool(booking and booking.attendance == Booking.Attendance.ATTENDED),
                "counts": {
                    "expected": counts.expected,
                    "arrived": counts.arrived,
                    "waiting": counts.waiting,
                },
            },
            status=status,
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect("events_admin:checkin_door", kind, bookable.pk)


@require_POST
def tap(request, kind, bookable_id, booking_id):
    pages, bookable = _bookable(request, kind, bookable_id)
    # Only through its own shift, so a mistyped URL cannot reach another list.
    booking = get_object_or_404(Booking, pk=booking_id, bookable_id=bookable.pk)
    arrived = request.POST.get("arrived") == "1"
    try:
        result = checkin.tap(booking.pk, arrived, kind=pages.kind)
    except BookingError as error:
        return _answer(request, pages, kind, bookable, ok=False, message=error.message, status=409)
    name = result.booking.person.name
    if arrived:
        if result.changed:
            message = _("%(name)s is checked in.") % {"name": name}
        else:
            message = _("%(name)s was already in.") % {"name": name}
    else:
        message = _("%(name)s is no longer checked in.") % {"name": name}
    return _answer(request, pages, kind, bookable, ok=True, message=message, booking=result.booking)


@require_POST
def walk_in(request, kind, bookable_id):
    pages, bookable = _bookable(request, kind, bookable_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            result = checkin.walk_in(
                bookable.pk,
                added_by=request.user.get_username(),
                kind=pages.kind,
                **form.cleaned_data,
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is booked and checked in.") % {"name": result.booking.person.name},
            )
            return redirect("events_admin:checkin_door", kind, bookable.pk)
    context = _context(
        request,
        pages,
        kind,
        bookable,
        query="",
        people=checkin.people(bookable),
        form=form,
    )
    return TemplateResponse(request, "events/admin/checkin_door.html", context, status=400)


def sheet(request, kind, bookable_id):
    """A sign-in sheet to print for when there is no signal at the door."""
    pages, bookable = _bookable(request, kind, bookable_id)
    context = _context(
        request, pages, kind, bookable, people=checkin.people(bookable), blank=range(8)
    )
    return TemplateResponse(request, "events/admin/checkin_sheet.html", context)
