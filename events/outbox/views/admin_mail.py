"""Wagtail admin: mail that could not be delivered, for a person to retry or cancel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.outbox.models import OutboxMessage
from events.outbox.services import outbox

VIEW = "events.view_outboxmessage"
CHANGE = "events.change_outboxmessage"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def failed_mail(request):
    _require(request, VIEW)
    rows = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).order_by("-due_at")
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/failed_mail.html",
        {
            "page_obj": page,
            "can_change": request.user.has_perm(CHANGE),
            "header_title": _("Failed mail"),
            "header_icon": "mail",
        },
    )


@require_POST
def retry_mail(request, pk):
    _require(request, CHANGE)
    if outbox.retry(pk):
        messages.success(request, _("The mail will be sent again within a minute."))
    return redirect("events_admin:failed_mail")


@require_POST
def cancel_mail(request, pk):
    _require(request, CHANGE)
    if outbox.cancel(pk):
        messages.success(request, _("The mail was cancelled and will not be sent."))
    return redirect("events_admin:failed_mail")
