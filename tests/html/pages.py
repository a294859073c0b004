"""The public pages of the demo, rendered once for the HTML checkers in tests/html.

`rendered_pages` (see conftest.py) takes the demo, renders every kind of page the public
sees with Django's test client and writes each to `<name>.html` in a temporary folder;
html-validate and the Nu checker then read the same files.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking, links
from events.models import (
    Bookable,
    CampaignPage,
    EventIndexPage,
    EventPage,
    Partner,
    Shift,
    Submission,
)
from events.submissions.services import links as submission_links
from home.models import ArticlePage, ContentPage, StoryIndexPage, StoryPage


def public_pages(client):
    """Every kind of page the public sees, taken from the demo content."""
    events = EventIndexPage.objects.live().first()
    one_off = EventPage.objects.live().filter(rrule="").first()
    meeting = EventPage.objects.live().exclude(rrule="").first()
    shift = Shift.objects.select_related("event").first()
    start = timezone.now() + timedelta(days=10)
    bookable = Bookable.objects.create(
        title="Welcome desk", starts_at=start, ends_at=start + timedelta(hours=3), capacity=4
    )
    held = booking.sign_up(bookable.pk, name="Sam", email="sam@example.org").booking
    kind = meeting.kind
    pages = {
        "home": "/",
        "stories": StoryIndexPage.objects.live().first().url,
        "story": StoryPage.objects.live().first().url,
        "article": ArticlePage.objects.live().first().url,
        "events": events.url,
        "events-month": events.url + "month/",
        "events-kind": events.url + f"?kind={kind.slug}",
        "events-past": events.url + "past/",
        "event": one_off.url,
        "event-with-picture": EventPage.objects.live().filter(image__isnull=False).first().url,
        "meeting": meeting.url,
        "occurrence": meeting.url + f"occurrences/{meeting.occurrences.first().key}/",
        "campaign": CampaignPage.objects.live().first().url,
        "toolkit": CampaignPage.objects.live().first().url + "toolkit/",
        "shift-signup": shift.event.url + f"volunteer/{shift.pk}/",
        "event-shifts": shift.event.url + "volunteer/",
        "campaign-shifts": CampaignPage.objects.live().first().url + "volunteer/",
        "subscribe": reverse("events:subscribe"),
        "share-story": reverse("home:share_story"),
        "resend-links": reverse("events:resend_links"),
        "my-bookings": reverse("events:my_bookings", args=[links.manage_token(held.person)]),
        "confirm": reverse("events:booking_confirm", args=[links.booking_token(held)]),
        "not-found": "/no-such-page/",
        **submission_pages(client, kind),
        **{page.slug: page.url for page in ContentPage.objects.live()},
    }
    pages["partners"] = reverse("events:partners")
    partner = Partner.objects.filter(organised_events__live=True).first()
    if partner is not None:
        pages["partner"] = reverse("events:partner", args=[partner.slug])
        pages["events-partner"] = events.url + f"?partner={partner.slug}"
    # Pages other helpers may add; checked when they exist.
    for name, path in (("search", "/search/"), ("volunteer", "/volunteer/")):
        if client.get(path).status_code == 200:
            pages[name] = path
    for register in (one_off.url + "register/", meeting.url + "register/"):
        if client.get(register).status_code == 200:
            pages["register"] = register
            break
    return pages


def submission_pages(client, kind):
    """ "Add your event", its thanks page and the submitter's private pages."""
    add = reverse("events:submit_event")
    start = timezone.localdate() + timedelta(days=20)
    client.post(
        add,
        {
            "title": "Walk and talk",
            "summary": "A gentle walk by the river.",
            "description": "Meet at the gate.\n\nWear good shoes.",
            "kind": kind.pk,
            "start_date": start.isoformat(),
            "start_time": "10:00",
            "end_time": "11:30",
            "time_zone": "Europe/London",
            "attendance_mode": "in_person",
            "venue_name": "Riverside Park gate",
            "venue_address": "1 River Road",
            "venue_area": "Riverside",
            "name": "Ada",
            "email": "ada@example.org",
            "consent": "on",
        },
    )
    token = submission_links.token(Submission.objects.latest("pk"))
    return {
        "add-event": add,
        "add-event-sent": reverse("events:submit_event_sent"),
        "submission-confirm": reverse("events:submission_confirm", args=[token]),
        "submission-edit": reverse("events:submission_edit", args=[token]),
        "submission-link-invalid": reverse("events:submission_edit", args=["forged"]),
    }


def in_spanish(path):
    return path if path.startswith("/es/") else "/es" + path


def render_forms_with_errors(client, pages):
    """The same forms sent empty, so the error summary and messages are checked too."""
    prefix = "es-" if "es-resend-links" in pages else ""
    return {
        "resend-links-errors": client.post(pages[prefix + "resend-links"], {"email": ""}),
        "share-story-errors": client.post(pages[prefix + "share-story"], {"title": ""}),
        "shift-signup-errors": client.post(pages[prefix + "shift-signup"], {"email": "x"}),
        "add-event-errors": client.post(pages[prefix + "add-event"], {"title": "", "email": "x"}),
    }


def render_public_pages(client, out):
    """Write every public page of the demo (and the forms with errors) to `out`; the demo
    is in the database already."""
    pages = public_pages(client)
    # Every page again in Spanish: translated, or the English page marked as such.
    spanish = {f"es-{name}": in_spanish(path) for name, path in pages.items()}
    responses = {name: client.get(path) for name, path in pages.items()}
    # A Spanish address of a translated page redirects to the translation's own address.
    responses.update({name: client.get(path, follow=True) for name, path in spanish.items()})
    responses.update(render_forms_with_errors(client, pages))
    responses.update(
        {
            f"es-{name}": response
            for name, response in render_forms_with_errors(client, spanish).items()
        }
    )
    for name, response in responses.items():
        expected = (
            404 if name.removeprefix("es-") in ("not-found", "submission-link-invalid") else 200
        )
        assert response.status_code == expected, (name, response.status_code)
        (out / f"{name}.html").write_bytes(response.content)
    return sorted(out.glob("*.html"))
