"""Pages behind the links in booking mail: confirm, see and cancel, resend links.

Links are opened by mail scanners too, so a GET never changes anything: it shows a
button, and the POST does the work.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.forms import ResendLinksForm
from events.models import Booking
from events.services import booking as booking_service
from events.services import ratelimit

NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in NOINDEX.items():
        response[header] = value
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    found = booking_service.booking_for_token(token)
    if found is None:
        return _private(render(request, "events/booking_link_invalid.html", status=404))
    error = None
    if request.method == "POST":
        try:
            booking_service.confirm(found.pk)
        except booking_service.BookingError as exc:
            error = exc.message
        else:
            messages.success(request, "Thank you, your place is confirmed.")
            return redirect("events:my_bookings", token=booking_service.manage_token(found.person))
    found.refresh_from_db()
    context = {"booking": found, "error": error}
    return _private(render(request, "events/booking_confirm.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def my_bookings(request, token):
    person = booking_service.person_for_manage_token(token)
    if person is None:
        return _private(render(request, "events/booking_link_invalid.html", status=404))
    if request.method == "POST":
        booking = person.bookings.filter(public_id=request.POST.get("booking")).first()
        if booking is not None:
            booking_service.cancel(booking.pk)
            messages.success(request, f"Cancelled: {booking.bookable.title}.")
        return redirect("events:my_bookings", token=token)
    bookings = (
        person.bookings.select_related("bookable")
        .filter(status__in=Booking.ACTIVE, bookable__ends_at__gte=timezone.now())
        .order_by("bookable__starts_at")
    )
    return _private(
        render(request, "events/my_bookings.html", {"person": person, "bookings": bookings})
    )


@never_cache
@require_http_methods(["GET", "POST"])
def resend_links(request):
    form = ResendLinksForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sender = ratelimit.sender_hash(request)
        allowed = ratelimit.allow("resend-links", sender, limit=5, window_seconds=3600)
        if allowed and not form.cleaned_data["website"]:
            booking_service.resend_links(form.cleaned_data["email"])
        # The same answer whether or not the address is known, or rate-limited.
        return render(request, "events/resend_links_sent.html")
    return render(request, "events/resend_links.html", {"form": form})
