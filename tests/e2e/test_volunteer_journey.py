"""A volunteer's whole journey in a real browser, with the keyboard only: sign up for a
shift, read the mail in the development mail folder, confirm, manage, cancel; the person
waiting is then offered the place. And axe over the sign-up pages, errors shown."""

import re
from datetime import time, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.bookings.services import links
from events.models import Booking, Shift
from tests.events import factories
from tests.support.browser import DESKTOP, PHONE, describe, screenshot, serious_violations
from tests.support.outbox import deliver
from tests.support.wagtail_tree import ensure_base_tree

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://testserver(/\S+)")
TITLE = "Welcome desk: Spring wellbeing fair"


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = "campaign.mail.ConsoleAndFileEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return Path(settings.EMAIL_FILE_PATH)


def inbox(folder, address):
    """Messages the development backend wrote for ``address``, oldest first."""
    messages = [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(folder.glob("*.eml"))
    ]
    return [message for message in messages if address in message["To"]]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def event_with_one_place():
    ensure_base_tree()
    event = factories.event(
        title="Spring wellbeing fair",
        start_date=timezone.localdate() + timedelta(days=12),
        shifts=[
            {
                "role": "Welcome desk",
                "start_time": time(9, 30),
                "end_time": time(12, 0),
                "capacity": 1,
                "requirements": "I am 18 or over",
            }
        ],
    )
    return event, Shift.objects.get(event=event)


def tab_to(page, matches, limit=80):
    """Press Tab until the focused element satisfies ``matches`` (a JS predicate on it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def test_volunteer_signs_up_confirms_and_cancels_with_the_keyboard(
    live_server, chromium, mail_folder
):
    event, shift = event_with_one_place()
    context = chromium.new_context(viewport=PHONE, reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto(live_server.url + event.url)
    tab_to(page, "el.textContent.includes('Sign up') && el.tagName === 'A'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/volunteer/{shift.pk}/$"))
    tab_to(page, "el.name === 'name'")
    page.keyboard.type("Ana Lima")
    tab_to(page, "el.name === 'email'")
    page.keyboard.type("ana@example.org")
    tab_to(page, "el.name === 'requirement_0'")
    page.keyboard.press("Space")
    tab_to(page, "el.name === 'consent'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sent/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    screenshot(page, "volunteer-sent")

    deliver()
    [please_confirm] = inbox(mail_folder, "ana@example.org")
    assert (
        please_confirm["Subject"]
        == "Please confirm your place: Welcome desk: Spring wellbeing fair"
    )
    confirm_path = next(
        path for path in LINK.findall(text_of(please_confirm)) if "/confirm/" in path
    )
    page.goto(live_server.url + confirm_path)
    tab_to(page, "el.textContent.trim() === 'Confirm my place'")
    page.keyboard.press("Enter")
    page.get_by_text("Thank you, your place is confirmed.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Your sign-ups"
    screenshot(page, "volunteer-manage")
    deliver()
    booked = inbox(mail_folder, "ana@example.org")[-1]
    assert booked["Subject"] == f"You are booked: {TITLE}"
    assert booked.get_payload()[-1].get_content_type() == "text/calendar"

    # Someone else finds the shift full and joins the waiting list.
    waiting = booking_service.sign_up(
        shift.pk, name="Ben", email="ben@example.org", confirmations=shift.requirement_list
    ).booking
    assert waiting.status == Booking.Status.WAITLISTED

    tab_to(page, "el.textContent.includes('Cancel my place')")
    page.keyboard.press("Enter")
    # A confirm step first: nothing is cancelled by one stray press.
    page.get_by_text("Yes, cancel my place").wait_for()
    tab_to(page, "el.textContent.includes('Yes, cancel my place')")
    page.keyboard.press("Enter")
    page.get_by_text(f"Cancelled: {TITLE}.").wait_for()
    assert page.get_by_text("You have no upcoming sign-ups.").is_visible()
    context.close()

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    deliver()
    subjects = [message["Subject"] for message in inbox(mail_folder, "ben@example.org")]
    assert subjects[-1] == f"A place has come free: {TITLE}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_sign_up_pages_have_no_serious_accessibility_findings(
    live_server, chromium, axe, viewport, mail_folder
):
    event, shift = event_with_one_place()
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    findings = {}

    page.goto(live_server.url + event.url)
    findings["event with shifts"] = serious_violations(axe.run(page))
    page.goto(live_server.url + event.url + "volunteer/")
    findings["every shift of the event"] = serious_violations(axe.run(page))
    page.goto(live_server.url + event.url + f"volunteer/{shift.pk}/")
    page.get_by_role("button", name="Sign up").click()
    # The summary links to each field in error; each error is tied to its field.
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name=re.compile("Tick the box to agree")).click()
    assert page.evaluate("document.activeElement.name") == "consent"
    consent = page.locator("input[name=consent]")
    assert consent.get_attribute("aria-invalid") == "true"
    assert consent.get_attribute("aria-describedby") == "id_consent_error"
    findings["sign-up form with errors"] = serious_violations(axe.run(page))
    screenshot(page, "shift-signup-errors")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Your email address").fill("ana@example.org")
    page.get_by_label("I am 18 or over").check()
    page.get_by_label(re.compile("I agree that the organisers")).check()
    page.get_by_role("button", name="Sign up").click()
    # The browser keeps the summary link's #fragment through the redirect.
    page.wait_for_url(re.compile(r"/sent/(#.*)?$"))
    findings["check your email"] = serious_violations(axe.run(page))
    held = Booking.objects.get()
    token = links.manage_token(held.person)
    page.goto(live_server.url + f"/my-bookings/{token}/delete/")
    findings["delete my details"] = serious_violations(axe.run(page))
    context.close()

    problems = {name: describe(found) for name, found in findings.items() if found}
    assert not problems, problems
