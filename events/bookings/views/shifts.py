"""The public sign-up form for a volunteer shift (a sub-page of its event page).

Whatever happens to a valid sign-up (a held place, the waiting list, already booked, a
clash with another shift) the page answers the same "check your email", and the mail
tells the owner of the address which it was: so the form cannot be used to find out
whether someone volunteers.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.bookings.forms import ShiftSignupForm
from events.bookings.models import Shift
from events.bookings.services import mail, shifts
from events.bookings.views import public_booking
from events.calendar.services import public
from events.core.services import ratelimit

TOO_MANY = _(
    "We have had a lot of sign-ups from your connection in the last hour. "
    "Please try again later, or ask the organisers to add you."
)


def _shift_or_404(event, shift_id):
    shift = Shift.objects.current().filter(pk=shift_id, event=event).first()
    if shift is None:
        raise Http404("No such shift")
    return shift


def _sent_url(event, shift, request):
    return (event.get_url(request) or "") + event.reverse_subpage(
        "shift_signup_sent", kwargs={"shift_id": shift.pk}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def shift_signup(request, event, shift_id):
    shift = _shift_or_404(event, shift_id)
    state = shifts.state(shift, timezone.now())
    form = ShiftSignupForm(
        request.POST if request.method == "POST" else None,
        requirements=shift.requirement_list,
        retention_days=settings.TAPESTRY_RETENTION_DAYS,
        repeating=shift.series_uid is not None,
    )
    if request.method == "POST" and state in ("open", "full") and form.is_valid():
        data = form.cleaned_data
        answer = public_booking.accept(
            request,
            form,
            scope="shift-signup",
            too_many=TOO_MANY,
            sent_url=_sent_url(event, shift, request),
            sign_up=lambda: shifts.sign_up(
                shift,
                every_meeting=form.every_meeting,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                access_needs=data["access_needs"].strip(),
                confirmations=form.confirmations(),
                client=ratelimit.sender_hash(request),
            ),
            overlap_bookable_id=lambda: shift.pk,
        )
        if answer:
            return answer
    context = {
        "page": event,
        "shift": shift,
        "state": state,
        "form": form,
        "when": mail.format_when(shift),
        "place": public.public_place(event, shifts.venue_for(event, shift.occurrence_key)),
        "event_url": event.get_url(request),
    }
    return render(request, "events/shift_signup.html", context)


@never_cache
def shift_signup_sent(request, event, shift_id):
    shift = _shift_or_404(event, shift_id)
    context = {
        "page": event,
        "shift": shift,
        "event_url": event.get_url(request),
    }
    return render(request, "events/shift_signup_sent.html", context)
