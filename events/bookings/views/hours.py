"""Volunteer hours: the coordinators' report (with CSV export) and their correction of one
volunteer's hours. Names are shown, so both need ``roster.DETAILS_PERMISSION``. The rules
live in ``events.bookings.services.hours``."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.bookings.models import Booking, Shift
from events.bookings.services import hours, roster_exports
from events.bookings.services.booking import BookingError
from events.bookings.views.roster import require_details
from events.calendar.models import CampaignPage


def report(request):
    require_details(request.user)
    by = request.GET.get("by") if request.GET.get("by") in hours.BY else "person"
    campaigns = CampaignPage.objects.in_source_language().order_by("-start_date", "title")
    chosen = request.GET.get("campaign", "")
    campaign = campaigns.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    bookings = hours.shift_bookings()
    if campaign is not None:
        bookings = bookings.filter(bookable__shift__event__campaign=campaign)
    rows = hours.totals(by, bookings)
    if request.GET.get("export") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="volunteer-hours-by-{by}.csv"'
        writer = csv.writer(response)
        writer.writerow([hours.BY[by], _("Hours"), _("Shifts"), _("Volunteers")])
        for row in rows:
            label = roster_exports.spreadsheet_safe(row.label)
            writer.writerow([label, f"{row.hours:.2f}", row.shifts, row.people_count])
        return response
    return TemplateResponse(
        request,
        "events/admin/hours.html",
        {
            "header_title": _("Volunteer hours"),
            "header_icon": "time",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("events_admin:volunteering"), "label": _("Volunteering")},
                {"url": "", "label": _("Volunteer hours")},
            ],
            "rows": rows,
            "by": by,
            "by_choices": hours.BY.items(),
            "campaigns": campaigns,
            "campaign": campaign,
            "total": sum((row.hours for row in rows), hours.Decimal("0.00")),
        },
    )


@require_POST
def correct(request, shift_id, booking_id):
    require_details(request.user)
    shift = get_object_or_404(Shift, pk=shift_id)
    booking = get_object_or_404(
        Booking.objects.select_related("person"), pk=booking_id, bookable_id=shift.pk
    )
    try:
        booking = hours.correct(booking.pk, request.POST.get("hours", ""))
    except BookingError as error:
        messages.error(request, error.message)
    else:
        if booking.hours_corrected is None:
            messages.success(
                request,
                _("%(name)s: hours follow the shift times.") % {"name": booking.person.name},
            )
        else:
            messages.success(
                request,
                _("%(name)s: %(hours)s hours.")
                % {"name": booking.person.name, "hours": booking.hours_corrected},
            )
    return redirect("events_admin:shift_roster", shift.pk)
