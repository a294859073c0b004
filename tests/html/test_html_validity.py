"""Every public page of the demo is valid HTML, as html-validate (an independent validator,
installed with `npm ci` in tests/html) sees it: 0 errors.

The pages are rendered by Django's test client, written to a temporary folder and checked in
one run of the validator, so a failure lists every page and rule at once.

.htmlvalidate.json is the recommended and document presets with three changes: trailing
spaces (template indentation, not markup) and subresource integrity (every asset is our
own) are not checked, and tick boxes of one group may share a name, as HTML intends.
"""

import io
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking, links
from events.models import Bookable, CampaignPage, EventIndexPage, EventPage, Shift
from home.models import ArticlePage, ContentPage, StoryIndexPage, StoryPage
from tests.support import services

HERE = Path(__file__).resolve().parent
VALIDATOR = HERE / "node_modules" / ".bin" / "html-validate"


def validator_missing_reason():
    if shutil.which("node") is None:
        return "node is not installed"
    if not VALIDATOR.exists():
        return "html-validate is not installed: run `npm ci` in tests/html"
    return None


@pytest.fixture
def validator():
    reason = validator_missing_reason()
    if reason:
        if services.in_ci():
            pytest.fail(f"CI must provide html-validate: {reason}", pytrace=False)
        pytest.skip(reason)
    return VALIDATOR


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
        "subscribe": reverse("events:subscribe"),
        "share-story": reverse("home:share_story"),
        "resend-links": reverse("events:resend_links"),
        "my-bookings": reverse("events:my_bookings", args=[links.manage_token(held.person)]),
        "confirm": reverse("events:booking_confirm", args=[links.booking_token(held)]),
        "not-found": "/no-such-page/",
        **{page.slug: page.url for page in ContentPage.objects.live()},
    }
    # Pages other helpers may add; checked when they exist.
    for name, path in (("search", "/search/"), ("volunteer", "/volunteer/")):
        if client.get(path).status_code == 200:
            pages[name] = path
    for register in (one_off.url + "register/", meeting.url + "register/"):
        if client.get(register).status_code == 200:
            pages["register"] = register
            break
    return pages


def render_forms_with_errors(client, pages):
    """The same forms sent empty, so the error summary and messages are checked too."""
    return {
        "resend-links-errors": client.post(pages["resend-links"], {"email": ""}),
        "share-story-errors": client.post(pages["share-story"], {"title": ""}),
        "shift-signup-errors": client.post(pages["shift-signup"], {"email": "x"}),
    }


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, validator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    pages = public_pages(client)
    responses = {name: client.get(path) for name, path in pages.items()}
    responses.update(render_forms_with_errors(client, pages))

    out = tmp_path / "pages"
    out.mkdir()
    for name, response in responses.items():
        expected = 404 if name == "not-found" else 200
        assert response.status_code == expected, (name, response.status_code)
        (out / f"{name}.html").write_bytes(response.content)

    report_file = tmp_path / "report.json"
    result = subprocess.run(
        [
            str(validator),
            "--config",
            str(HERE / ".htmlvalidate.json"),
            "--formatter",
            f"json={report_file}",
            *sorted(str(path) for path in out.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        cwd=HERE,
        timeout=300,
    )
    reports = json.loads(report_file.read_text() or "[]") if report_file.exists() else []
    problems = [
        f"{Path(report['filePath']).stem}:{message['line']}: {message['ruleId']}: "
        f"{message['message']}"
        for report in reports
        for message in report["messages"]
        if message["severity"] == 2
    ]
    assert problems == [], f"{len(problems)} HTML errors:\n" + "\n".join(problems)
    assert result.returncode == 0, result.stderr


def test_titles_keep_the_page_name_and_drop_the_site_name_when_long():
    from home.templatetags.page_meta_tags import with_site_name

    assert with_site_name("Stories", "Riverside") == "Stories · Riverside"
    long = "Why community matters in mental-health recovery"
    assert with_site_name(long, "Riverside Recovery Network") == long
    assert len(with_site_name("x" * 90, "Riverside")) == 70
