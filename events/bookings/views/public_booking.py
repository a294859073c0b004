"""The POST path every public booking form shares (a volunteer shift, a registration).

A bot, a valid booking and a clash with another booking all get the same redirect to the
"check your email" page; only a rate limit or a refusal the person can act on (closed,
window over) comes back as an error on the form.
"""

from django.conf import settings
from django.shortcuts import redirect

from events.bookings.services import booking as booking_service
from events.bookings.services import notices
from events.core.services import ratelimit


def accept(request, form, *, scope, too_many, sent_url, sign_up, overlap_bookable_id):
    """Book from a valid ``form``; a redirect, or None with the error added to the form.

    ``sign_up()`` makes the booking; ``overlap_bookable_id()`` names what was asked for, so
    a clash is explained by mail rather than on the page.
    """
    if form.is_bot():  # answer as if it worked
        return redirect(sent_url)
    limit, window = settings.TAPESTRY_SIGNUP_RATE_LIMIT
    if not ratelimit.allow(
        scope, ratelimit.sender_hash(request), limit=limit, window_seconds=window
    ):
        form.add_error(None, too_many)
        return None
    try:
        sign_up()
    except booking_service.BookingError as exc:
        if exc.code != "overlap":
            form.add_error(None, exc.message)
            return None
        notices.tell_overlap(overlap_bookable_id(), form.cleaned_data["email"])
    return redirect(sent_url)
