"""The public registration form for an event, or a meeting of a repeating one.

Like the shift form: every valid registration (a held place, the waiting list, already
registered, a clash) gets the same "check your email" answer; the mail tells the owner
of the address which it was. The page shows only what the public gate allows: the area,
never a private address or join link.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.bookings.forms import RegistrationForm
from events.bookings.services import mail, registrations
from events.bookings.views import public_booking
from events.calendar.services import public
from events.core.services import ratelimit

TOO_MANY = _(
    "We have had a lot of registrations from your connection in the last hour. "
    "Please try again later, or ask the organisers to add you."
)


def _sent_url(event, request):
    return (event.get_url(request) or "") + event.reverse_subpage("register_sent_view")


def _meeting_or_404(event, key):
    if not registrations.is_open(event):
        raise Http404("This event does not take registrations here")
    if key is None and event.is_recurring:
        occurrence = registrations.next_meeting(event)
    else:
        occurrence = registrations.meeting(event, key)
    if occurrence is None:
        raise Http404("No such meeting")
    return occurrence


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, event, key=None):
    occurrence = _meeting_or_404(event, key)
    card = registrations.card(event, occurrence, request=request)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        repeating=event.is_recurring,
        retention_days=settings.TAPESTRY_RETENTION_DAYS,
    )
    if request.method == "POST" and card.state in ("open", "full") and form.is_valid():
        data = form.cleaned_data
        answer = public_booking.accept(
            request,
            form,
            scope="registration",
            too_many=TOO_MANY,
            sent_url=_sent_url(event, request),
            sign_up=lambda: registrations.sign_up(
                event,
                occurrence,
                every_meeting=form.every_meeting,
                name=data["name"],
                email=data["email"],
                access_needs=data["access_needs"].strip(),
                how_heard=data["how_heard"],
                client=ratelimit.sender_hash(request),
            ),
            overlap_bookable_id=lambda: registrations.registration_for(event, occurrence).pk,
        )
        if answer:
            return answer
    registration = card.registration
    venue = occurrence.venue if event.is_recurring else event.venue
    context = {
        "page": event,
        "card": card,
        "registration": registration,
        "state": card.state,
        "form": form,
        "occurrence": occurrence,
        "when": mail.format_when(registration),
        "place": public.public_place(event, venue),
        "private_link_note": public.PRIVATE_LINK_NOTE
        if event.join_link_after_registration and event.attendance_mode != "in_person"
        else "",
        "event_url": event.get_occurrence_url(occurrence, request)
        if event.is_recurring
        else event.get_url(request),
        "now": timezone.now(),
    }
    return render(request, "events/register.html", context)


@never_cache
def register_sent(request, event):
    if not registrations.is_open(event):
        raise Http404("This event does not take registrations here")
    context = {"page": event, "event_url": event.get_url(request)}
    return render(request, "events/register_sent.html", context)
