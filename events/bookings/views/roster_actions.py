"""What coordinators do on one shift's (or registration's) roster: add someone by hand,
message everyone, remove someone, record attendance, move someone up the waiting list.

Each action needs ``roster.DETAILS_PERMISSION`` and reaches a booking only through its own
shift, so a mistyped URL cannot act on another roster.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from events.bookings.models import UNLIMITED, Booking
from events.bookings.services import booking as booking_service
from events.bookings.services import roster, roster_messages
from events.bookings.services.booking import BookingError
from events.bookings.views.roster import VOLUNTEERS, require_details


class AddVolunteerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)


class MessageForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Subject"), max_length=roster_messages.SUBJECT_MAX_LENGTH
    )
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    reply_to = forms.EmailField(
        label=gettext_lazy("Replies go to"),
        max_length=254,
        required=False,
        help_text=gettext_lazy(
            "People who answer your message write to this address (yours if empty)."
        ),
    )


def _shift_for(request, pages, shift_id):
    require_details(request.user)
    return get_object_or_404(pages.kind.model.objects.select_related("event"), pk=shift_id)


def _booking_on(shift, booking_id):
    # Only through its own shift, so a mistyped URL cannot reach another roster.
    return get_object_or_404(
        Booking.objects.select_related("person"), pk=booking_id, bookable_id=shift.pk
    )


def _back_to(pages, shift):
    return redirect(pages.name("roster"), shift.pk)


def _form_page(request, pages, shift, form, *, title, template, **context):
    roster_url = reverse(pages.name("roster"), args=[shift.pk])
    breadcrumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse(pages.urls["overview"]), "label": pages.section},
        {"url": roster_url, "label": pages.heading(shift)},
        {"url": "", "label": title},
    ]
    return TemplateResponse(
        request,
        template,
        {
            "shift": shift,
            "pages": pages,
            "label": pages.kind.label(shift),
            "form": form,
            "header_title": title,
            "header_icon": "group",
            "breadcrumbs_items": breadcrumbs,
            "roster_url": roster_url,
            **context,
        },
    )


def add_volunteer(request, shift_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    label = pages.kind.label(shift)
    form = AddVolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = roster.add_by_hand(
                shift.pk,
                added_by=request.user.get_username(),
                kind=pages.kind,
                **form.cleaned_data,
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            name = outcome.booking.person.name
            if outcome.already_booked:
                messages.info(
                    request,
                    _("%(name)s was already booked on %(label)s.") % {"name": name, "label": label},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s is booked on %(label)s and will get a confirmation.")
                    % {"name": name, "label": label},
                )
            return _back_to(pages, shift)
    return _form_page(
        request,
        pages,
        shift,
        form,
        title=str(pages.add_title) % {"label": label},
        template="events/admin/roster_add.html",
        seats_left=None if shift.capacity >= UNLIMITED else shift.seats_left,
    )


def message_volunteers(request, shift_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    form = MessageForm(request.POST or None, initial={"reply_to": request.user.email})
    if request.method == "POST" and form.is_valid():
        sender = request.user.get_full_name() or request.user.get_username()
        fields = {**form.cleaned_data}
        fields["reply_to"] = fields["reply_to"] or request.user.email
        try:
            sent = roster_messages.message_shift(shift.pk, sender=sender, kind=pages.kind, **fields)
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            if sent:
                messages.success(
                    request,
                    ngettext(
                        "Your message will be sent to %(count)d person within a minute.",
                        "Your message will be sent to %(count)d people within a minute.",
                        sent,
                    )
                    % {"count": sent},
                )
            else:
                messages.warning(request, pages.kind.text("nobody_to_message"))
            return _back_to(pages, shift)
    return _form_page(
        request,
        pages,
        shift,
        form,
        title=_("Message everyone on %(label)s") % {"label": pages.kind.label(shift)},
        template="events/admin/roster_message.html",
        recipients=roster_messages.recipients(shift).count(),
    )


def remove_volunteer(request, shift_id, booking_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    booking = _booking_on(shift, booking_id)
    name = booking.person.name
    if request.method == "POST":
        outcome = booking_service.withdraw(booking.pk)
        if outcome.already_booked:
            messages.warning(request, pages.kind.text("not_here") % {"name": name})
        else:
            messages.success(
                request,
                _("%(name)s was removed from %(label)s and will get a notice.")
                % {"name": name, "label": pages.kind.label(shift)},
            )
        return _back_to(pages, shift)
    return _form_page(
        request,
        pages,
        shift,
        None,
        title=_("Remove %(name)s") % {"name": name},
        template="events/admin/roster_remove.html",
        booking=booking,
    )


@require_POST
def set_attendance(request, shift_id, booking_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    booking = _booking_on(shift, booking_id)
    try:
        booking = roster.set_attendance(booking.pk, request.POST.get("attendance"), kind=pages.kind)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        label = booking.get_attendance_display().lower()
        messages.success(
            request,
            _("%(name)s: %(attendance)s.") % {"name": booking.person.name, "attendance": label},
        )
    return _back_to(pages, shift)


@require_POST
def move_to_front(request, shift_id, booking_id, pages=VOLUNTEERS):
    shift = _shift_for(request, pages, shift_id)
    booking = _booking_on(shift, booking_id)
    try:
        roster.move_to_front(
            booking.pk,
            request.POST.get("note", ""),
            moved_by=request.user.get_username(),
            kind=pages.kind,
        )
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is now first on the waiting list.") % {"name": booking.person.name},
        )
    return _back_to(pages, shift)
