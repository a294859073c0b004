"""Every shift of one event, or of one campaign, a page at a time: where the event and
campaign pages' "see every shift" link leads once they show only the soonest few."""

from django.template.response import TemplateResponse

from events.bookings.services import shifts, volunteering


def event_shifts(request, event):
    page_of_shifts = shifts.page_of_event_shifts(event, request.GET.get("page"), request=request)
    return _render(request, event, page_of_shifts, show_event=False)


def campaign_shifts(request, campaign):
    page_of_shifts = volunteering.page_of_campaign_shifts(
        campaign, request.GET.get("page"), request=request
    )
    return _render(request, campaign, page_of_shifts, show_event=True)


def _render(request, page, page_of_shifts, *, show_event):
    context = {
        "page": page,
        "self": page,
        "page_of_shifts": page_of_shifts,
        "shift_cards": page_of_shifts.object_list,
        "show_event": show_event,
    }
    return TemplateResponse(request, "events/shift_list_page.html", context)
