"""Public views for "add your event": parse the form, call a service, render."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.core.services import kept_site
from events.core.services.ratelimit import sender_hash
from events.submissions.forms import EditEventForm, SubmitEventForm
from events.submissions.services import details, links, review, submitting

OUTCOME_MESSAGES = {
    review.PUBLISHED: _("Thank you: your event is published."),
    review.IN_REVIEW: _(
        "Thank you: an editor will check your event before it is published. "
        "What is on the site now stays until then."
    ),
    review.DRAFT: _("Thank you: an editor will check your event before it is published."),
    review.WAITING_FOR_CONFIRMATION: _(
        "Saved. Please confirm your address with the button below so that we can publish it."
    ),
}


def _private(response):
    """Pages behind a personal link: never cached, never indexed, no referrer leak."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _add_errors(form, errors):
    for field, found in errors.items():
        name = field if field in form.fields else None
        for message in found if isinstance(found, list) else [found]:
            form.add_error(name, message)


@never_cache
@require_http_methods(["GET", "POST"])
def add_event(request):
    site = kept_site.find_for_request(request)
    if submitting.parent_for(site) is None:
        raise Http404("Events cannot be submitted on this site.")
    # An empty post is still a post: bind it, so it is answered with the form's errors.
    form = SubmitEventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            # Look like success, so the bot learns nothing; store nothing.
            return HttpResponseRedirect(reverse("events:submit_event_sent"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitting.submit(
                    submitting.parent_for(site, data.get("campaign")),
                    form.event_values(),
                    submitter_name=data["name"],
                    submitter_email=data["email"],
                    organiser_name=data.get("organiser_name", ""),
                    organiser_website=data.get("organiser_website", ""),
                    support_group=data.get("support_group", False),
                    sender=sender_hash(request),
                )
            except submitting.Refused as refusal:
                form.add_error(refusal.field, refusal.message)
            except details.InvalidEvent as invalid:
                _add_errors(form, invalid.errors)
            else:
                return HttpResponseRedirect(reverse("events:submit_event_sent"))
    # Errors answer 200 like every other public form: the page is the form, shown again.
    return render(request, "events/submit_event.html", {"form": form})


def add_event_sent(request):
    return render(request, "events/submit_event_sent.html")


def _invalid_link(request):
    return _private(render(request, "events/submission_link_invalid.html", status=404))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    submission = links.submission_for_token(token)
    if submission is None:
        return _invalid_link(request)
    if request.method == "POST":
        outcome = review.confirm(submission.pk)
        messages.success(request, OUTCOME_MESSAGES[outcome.state])
        return redirect("events:submission_edit", token=token)
    if submission.is_verified:
        return redirect("events:submission_edit", token=token)
    context = {"submission": submission}
    return _private(render(request, "events/submission_confirm.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, token):
    submission = links.submission_for_token(token)
    if submission is None:
        return _invalid_link(request)
    page = submission.page.specific
    draft = page.get_latest_revision_as_object()
    initial = details.from_page(draft, review.organiser_of(submission))
    form = EditEventForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {**form.event_values(), "status": form.cleaned_data["status"]}
        values["status_reason"] = form.cleaned_data.get("status_reason", "")
        try:
            outcome = review.edit(submission.pk, values)
        except details.InvalidEvent as invalid:
            _add_errors(form, invalid.errors)
        else:
            messages.success(request, OUTCOME_MESSAGES[outcome.state])
            return redirect("events:submission_edit", token=token)
    context = {"submission": submission, "page": page, "draft": draft, "form": form}
    context["token"] = token
    return _private(render(request, "events/submission_edit.html", context))
