"""What every public form does when something is wrong (WCAG 3.3.1, 3.3.3, 2.4.2, 1.3.5):
the title starts "Error:", focus goes to the summary, messages say what to do."""

import re

import pytest
from django.urls import reverse

from events.bookings.forms import BookingForm, ResendLinksForm, ShiftSignupForm
from home.forms import CommentForm, StorySubmissionForm

pytestmark = pytest.mark.django_db

DJANGO_WORDS = ("This field is required", "Ensure this value", "Enter a valid", "Select a valid")


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_a_failed_form_says_error_in_the_title_and_focuses_the_summary(client):
    path = reverse("events:resend_links")
    assert not title_of(client.get(path)).startswith("Error:")

    response = client.post(path, {"email": ""})

    assert response.status_code == 200
    assert title_of(response).startswith("Error: Get your links again")
    summary = re.search(r"<div class=\"form-errors\"[^>]*>", response.content.decode()).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert '<a href="#id_email">Enter your email address</a>' in response.content.decode()


def test_the_resend_links_field_declares_its_purpose():
    assert ResendLinksForm()["email"].field.widget.attrs["autocomplete"] == "email"


@pytest.mark.parametrize(
    ("form", "data", "expected"),
    [
        (BookingForm, {}, {"name": "Enter your name", "email": "Enter your email address"}),
        (BookingForm, {"name": "  ", "email": "a@b"}, {"email": "Enter an email address like "}),
        (BookingForm, {"name": "x" * 121}, {"name": "Your name must be 120 characters or fewer"}),
        (
            ShiftSignupForm,
            {"access_needs": "x" * 1001, "phone": "1" * 41},
            {
                "access_needs": "Keep this to 1,000 characters or fewer",
                "phone": "Phone number must be 40 characters or fewer",
                "consent": "Tick the box to agree that we may keep your details",
            },
        ),
        (ResendLinksForm, {"email": "nope"}, {"email": "Enter an email address like name@"}),
        (
            StorySubmissionForm,
            {"text": "short"},
            {
                "title": "Enter a title for your story",
                "text": "Your story must be at least 200 characters",
            },
        ),
        (CommentForm, {"body": "x"}, {"name": "Enter a name to show with your comment"}),
    ],
)
def test_messages_say_what_to_do_in_plain_words(form, data, expected):
    errors = form(data=data).errors
    for field, start in expected.items():
        assert errors[field][0].startswith(start), errors[field]
    for messages in errors.values():
        for message in messages:
            assert not message.startswith(DJANGO_WORDS), message


def test_share_your_story_errors_answer_200_like_the_other_forms(client, settings, tmp_path):
    from home import demo

    demo.load_site(log=lambda message: None)
    demo.load_stories(log=lambda message: None)
    response = client.post(reverse("home:share_story"), {"title": ""})
    assert response.status_code == 200
    assert title_of(response).startswith("Error: Share your story")


def test_the_error_border_wins_over_the_plain_input_rule():
    """The error rule must be at least as specific as the rule that draws inputs and come
    later, or the cascade hides the red border (it did: 0,1,1 against 0,3,1)."""
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "campaign/static/css/tapestry.css").read_text()
    plain = css.index('.field input:not([type="checkbox"]):not([type="radio"])')
    error = css.index('.field.field--error input:not([type="checkbox"]):not([type="radio"])')
    assert error > plain
