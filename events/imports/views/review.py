"""Wagtail admin: imported changes awaiting review, field by field, with approve / reject."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.imports.services import review


def pending(request):
    return TemplateResponse(
        request,
        "events/imports/admin/review.html",
        {
            "groups": review.pending_for(request.user),
            "header_title": _("Imported changes"),
            "header_icon": "calendar",
        },
    )


@require_POST
def decide(request, change_id, action):
    try:
        if action == "approve":
            change = review.approve(change_id, request.user)
            messages.success(
                request, _("Published: %(title)s.") % {"title": change.item.page.title}
            )
        else:
            change = review.reject(change_id, request.user)
            messages.success(request, _("Rejected; the event stays as it was."))
    except review.ReviewError as exc:
        messages.error(request, str(exc))
    return redirect("imports_admin:review")
