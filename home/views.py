"""Public views for comments and share-your-story: parse input, call a service, render."""

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from events.core.services import kept_site
from home import icons
from home.forms import CommentForm, StorySubmissionForm
from home.services import comments, guards, submissions


# No CSRF token: it would set a cookie on every story page and keep them out of the page
# cache. The post must come from one of our pages instead (guards.from_this_site).
@csrf_exempt
@require_POST
def post_comment(request, page_id):
    if not guards.from_this_site(request):
        return HttpResponseForbidden(_("Please send your comment from the story's own page."))
    page = get_object_or_404(Page, pk=page_id).specific
    if not comments.can_comment_on(page):
        raise Http404("Comments are closed here.")
    thanks = f"{page.url}?comment=received#comments"
    form = CommentForm(request.POST)
    if form.is_bot():
        # Look like success, so the bot learns nothing; store nothing.
        return HttpResponseRedirect(thanks)
    if form.is_valid():
        try:
            comments.submit_comment(
                page,
                name=form.cleaned_data["name"],
                body=form.cleaned_data["body"],
                email=form.cleaned_data["email"],
                sender=guards.sender_hash(request),
            )
        except guards.GuardError as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            return HttpResponseRedirect(thanks)
    # Show the page again with the reader's text and the errors next to the fields.
    request.comment_form = form
    response = page.serve(request)
    response.status_code = 400
    return response


def share_story(request):
    index = submissions.submission_index(kept_site.find_for_request(request))
    if index is None:
        raise Http404("Stories are not open for sharing on this site.")
    form = StorySubmissionForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            return HttpResponseRedirect(reverse("home:share_story_thanks"))
        if form.is_valid():
            try:
                submissions.submit_story(
                    index,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    anonymous=form.cleaned_data["anonymous"],
                    sender=guards.sender_hash(request),
                )
            except guards.GuardError as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                return HttpResponseRedirect(reverse("home:share_story_thanks"))
    # Errors answer 200 like every other public form: the page is the form, shown again.
    return render(request, "home/share_story.html", {"form": form, "index": index})


def share_story_thanks(request):
    index = submissions.submission_index(kept_site.find_for_request(request))
    return render(request, "home/share_story_thanks.html", {"index": index})


def site_search(request):
    from home.services import search

    query = request.GET.get("q", "")[:200]
    results = search.search(query, request=request)
    return render(request, "home/search.html", {"query": query.strip(), "results": results})


ICON_CACHE = "public, max-age=86400"


def favicon(request):
    response = HttpResponse(icons.ico(), content_type="image/x-icon")
    response["Cache-Control"] = ICON_CACHE
    return response


def icon_png(request, size):
    response = HttpResponse(icons.png(size), content_type="image/png")
    response["Cache-Control"] = ICON_CACHE
    return response


# Paths crawlers have no business in: the admin, and the personal links sent by mail (a
# crawler never learns a token, but a pasted link must not be fetched and kept either).
ROBOTS_DISALLOW = ("/admin/", "/bookings/", "/my-bookings/", "/comments/")


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('home:sitemap'))}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = ICON_CACHE
    return response


def web_manifest(request):
    from home.models import SiteSettings

    name = SiteSettings.for_request(request).organisation_name
    data = {
        "name": name,
        "short_name": name.split()[0] if name else "Tapestry",
        "start_url": "/",
        "display": "browser",
        "background_color": "#faf6ee",
        "theme_color": "#2f6f5e",
        "icons": [
            {"src": f"/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = ICON_CACHE
    return response
