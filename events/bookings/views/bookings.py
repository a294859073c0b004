"""Pages behind the links in booking mail: confirm, see and cancel, resend links.

Links are opened by mail scanners too, so a GET never changes anything: it shows a
button, and the POST does the work.
"""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.bookings.forms import ResendLinksForm
from events.bookings.models import Booking, Shift, StandingRegistration
from events.bookings.services import booking as booking_service
from events.bookings.services import (
    hours,
    ics,
    links,
    notices,
    reader_titles,
    registrations,
    retention,
    shifts,
)
from events.calendar.models.translated_pages import in_reader_language
from events.core.services import ratelimit

NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}
CALENDAR = "text/calendar; charset=utf-8"


def _private(response):
    for header, value in NOINDEX.items():
        response[header] = value
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    found = links.booking_for_token(token)
    if found is None:
        return _private(render(request, "events/booking_link_invalid.html", status=404))
    error = None
    if request.method == "POST":
        try:
            booking_service.confirm(found.pk)
        except booking_service.BookingError as exc:
            error = exc.message
        else:
            messages.success(request, _("Thank you, your place is confirmed."))
            return redirect("events:my_bookings", token=links.manage_token(found.person))
    found.refresh_from_db()
    found.reader_title = reader_titles.for_bookable(found.bookable)
    context = {"booking": found, "error": error}
    return _private(render(request, "events/booking_confirm.html", context))


def _person_or_404(request, token):
    person = links.person_for_manage_token(token)
    if person is None:
        return None, _private(render(request, "events/booking_link_invalid.html", status=404))
    return person, None


STANDING_LIVE = [StandingRegistration.Status.PENDING, StandingRegistration.Status.ACTIVE]


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _event_url(bookable, request):
    """The public page of what was booked (a meeting's own page for a repeating event)."""
    for child in ("shift", "registration"):
        try:
            booked = getattr(bookable, child)
        except ObjectDoesNotExist:
            continue
        event, key = booked.event, booked.occurrence_key
        url = event.get_url(request) or ""
        if key and event.is_recurring:
            url += event.reverse_subpage("occurrence_view", kwargs={"key": key})
        return url
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
def my_bookings(request, token):
    person, refused = _person_or_404(request, token)
    if refused:
        return refused
    if request.method == "POST":
        if request.POST.get("action") == "rotate":
            new_token = links.rotate_tokens(person)
            messages.success(
                request,
                _(
                    "Done. Links in earlier emails and the old calendar feed no longer work. "
                    "Bookmark this page: its address is new."
                ),
            )
            return redirect("events:my_bookings", token=new_token)
        if request.POST.get("action") == "stop_standing":
            standing = person.standing_registrations.filter(
                public_id=_uuid_or_none(request.POST.get("standing")), status__in=STANDING_LIVE
            ).first()
            if standing is not None:
                registrations.stop_standing(standing)
                messages.success(
                    request,
                    _("Stopped: every meeting of %(title)s.") % {"title": standing.event.title},
                )
            return redirect("events:my_bookings", token=token)
        if request.POST.get("action") in ("stop_shift_ask", "stop_shift"):
            return _stop_standing_shift(request, person, token)
        return _act_on_booking(request, person, token)
    return _render_page(request, person, token)


def _stop_standing_shift(request, person, token):
    """A volunteer's "every meeting" on a repeating shift: ask, then stop it."""
    standing = (
        person.standing_shifts.filter(
            public_id=_uuid_or_none(request.POST.get("standing")),
            status__in=shifts.STANDING_LIVE,
        )
        .select_related("event")
        .first()
    )
    if standing is None:
        messages.info(request, _("That is no longer running. Here is what you have."))
        return redirect("events:my_bookings", token=token)
    if request.POST.get("action") != "stop_shift":
        return _render_page(request, person, token, asking_standing=standing)
    shifts.stop_standing(standing)
    messages.success(
        request,
        _(
            "Stopped: your shift at every meeting of %(title)s. "
            "We have cancelled the meetings ahead and emailed you."
        )
        % {"title": standing.event.title},
    )
    return redirect("events:my_bookings", token=token)


def _render_page(request, person, token, asking=None, asking_standing=None):
    bookings = list(
        person.bookings.select_related(
            "bookable", "bookable__shift__event", "bookable__registration__event"
        )
        .filter(status__in=Booking.ACTIVE, bookable__ends_at__gte=timezone.now())
        .order_by("bookable__starts_at")
    )
    # Stored titles are the source language's; one query names them in the reader's.
    titles = reader_titles.for_bookables(booking.bookable for booking in bookings)
    for booking in bookings:
        booking.event_url = _event_url(booking.bookable, request)
        booking.reader_title = titles[booking.bookable_id]
    standing = list(
        person.standing_registrations.filter(status__in=STANDING_LIVE).select_related("event")
    )
    standing_shifts = list(
        person.standing_shifts.filter(status__in=shifts.STANDING_LIVE).select_related("event")
    )
    roles = dict(
        Shift.objects.filter(series_uid__in=[item.series_uid for item in standing_shifts])
        .order_by("-starts_at")
        .values_list("series_uid", "role")
    )
    for item in standing_shifts:
        item.role = roles.get(item.series_uid, "")
    # Their events as the reader sees them (a live translation's title): one query.
    events = {item.event_id: item.event for item in [*standing, *standing_shifts]}
    shown = {event.pk: event for event in in_reader_language(events.values())}
    for item in [*standing, *standing_shifts]:
        item.shown_event = shown[item.event_id]
    feed_path = reverse("events:my_feed", args=[links.feed_token(person)])
    feed_url = request.build_absolute_uri(feed_path)
    _rows, hours_total = hours.for_person(person)
    context = {
        "person": person,
        "token": token,
        "hours_total": hours_total,
        "bookings": bookings,
        "standing": standing,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "asking": asking,
        "standing_shifts": standing_shifts,
        "asking_standing": asking_standing,
    }
    return _private(render(request, "events/my_bookings.html", context))


WAITING_FOR_CONFIRMATION = (Booking.Status.PENDING, Booking.Status.OFFERED)


def _act_on_booking(request, person, token):
    """Confirm, re-send a confirmation, or cancel (after asking) one of their bookings."""
    action = request.POST.get("action", "cancel_ask")
    booking = (
        person.bookings.select_related("bookable")
        .filter(public_id=_uuid_or_none(request.POST.get("booking")), status__in=Booking.ACTIVE)
        .first()
    )
    if booking is None:
        messages.info(
            request, _("That sign-up is no longer open to change. Here is what you have.")
        )
        return redirect("events:my_bookings", token=token)
    title = reader_titles.for_bookable(booking.bookable).text
    if action == "confirm" and booking.status in WAITING_FOR_CONFIRMATION:
        # This page's link came by mail to the address, so it proves the address as well
        # as the confirmation link does.
        try:
            booking_service.confirm(booking.pk)
        except booking_service.BookingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Thank you, your place is confirmed: %(title)s.") % {"title": title}
            )
    elif action == "resend_confirmation":
        notices.resend_confirmation(booking)
        messages.success(
            request, _("We have sent the confirmation for %(title)s again.") % {"title": title}
        )
    elif action == "cancel":
        others = _event_url(booking.bookable, request)
        booking_service.cancel_own(
            booking.pk, others_url=request.build_absolute_uri(others) if others else ""
        )
        messages.success(
            request,
            _("Cancelled: %(title)s. We have sent you an email to say so.") % {"title": title},
        )
    else:  # the confirm step before a cancellation
        return _render_page(request, person, token, asking=booking)
    return redirect("events:my_bookings", token=token)


@never_cache
def hours_certificate(request, token):
    """A certificate of volunteer hours to print or save as PDF from the browser: a page
    with print styles, so no PDF library and nothing to keep up to date beyond a template."""
    person, refused = _person_or_404(request, token)
    if refused:
        return refused
    rows, total = hours.for_person(person)
    context = {"person": person, "token": token, "rows": rows, "total": total}
    return _private(render(request, "events/hours_certificate.html", context))


@never_cache
def booking_ics(request, token, booking_id):
    person, refused = _person_or_404(request, token)
    if refused:
        return refused
    booking = (
        person.bookings.select_related("bookable")
        .filter(public_id=booking_id, status__in=Booking.HOLDS_SEAT)
        .first()
    )
    if booking is None:
        return _private(render(request, "events/booking_link_invalid.html", status=404))
    title = reader_titles.for_bookable(booking.bookable)
    response = HttpResponse(ics.booking_calendar(booking, title), content_type=CALENDAR)
    response["Content-Disposition"] = 'attachment; filename="tapestry-booking.ics"'
    return _private(response)


def my_feed(request, token):
    """The private feed of someone's bookings, for calendar apps to poll."""
    person = links.person_for_feed_token(token)
    if person is None:
        return _private(HttpResponse(_("Unknown or revoked feed."), status=404))
    since = timezone.now() - timedelta(days=30)
    bookings = (
        person.bookings.select_related("bookable")
        .filter(status__in=Booking.HOLDS_SEAT, bookable__ends_at__gte=since)
        .order_by("bookable__starts_at")
    )
    bookings = list(bookings)
    titles = reader_titles.for_bookables(booking.bookable for booking in bookings)
    body, etag = ics.private_feed(bookings, titles)
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type=CALENDAR
    )
    response["ETag"] = etag
    # Personal: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=900"
    return _private(response)


@never_cache
@require_http_methods(["GET", "POST"])
def forget_me(request, token):
    person, refused = _person_or_404(request, token)
    if refused:
        return refused
    if request.method == "POST":
        retention.forget(person)
        return _private(render(request, "events/forget_me_done.html"))
    active = person.bookings.filter(status__in=Booking.ACTIVE).count()
    context = {"person": person, "token": token, "active": active}
    return _private(render(request, "events/forget_me.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def resend_links(request):
    form = ResendLinksForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sender = ratelimit.sender_hash(request)
        allowed = ratelimit.allow("resend-links", sender, limit=5, window_seconds=3600)
        if allowed and not form.is_bot():
            notices.resend_links(form.cleaned_data["email"])
        # The same answer whether or not the address is known, or rate-limited.
        return render(request, "events/resend_links_sent.html")
    return render(request, "events/resend_links.html", {"form": form})
