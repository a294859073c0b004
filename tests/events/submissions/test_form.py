"""The public form: plain text only, spam guards, support-group privacy, never a 500."""

import pytest
from django.urls import reverse

from events.models import EventPage, OutboxMessage, Submission, Venue
from tests.events.submissions.support import confirm_url, form_data, mailed_token

pytestmark = pytest.mark.django_db
URL = "/events/add/"

HOSTILE = {
    "title": "<script>alert(1)</script>Walk <b>and</b> talk",
    "summary": 'Come along <img src=x onerror="alert(2)"> and chat',
    "description": '<a href="javascript:alert(3)">Click</a>\n\n<iframe src=//x></iframe>Bye',
    "venue_name": "<svg onload=alert(4)>Park gate",
    "cost": "<i>Free</i>",
    "organiser_name": "<script>x</script>Friends",
}


def test_the_address_is_reversible():
    assert reverse("events:submit_event") == URL


def test_no_markup_survives_into_the_page(client, index, workshop, moderator):
    response = client.post(URL, form_data(workshop, **HOSTILE))
    assert response.status_code == 302
    page = EventPage.objects.get()
    assert page.title == "alert(1)Walk and talk"
    client.post(confirm_url(mailed_token("ada@example.org")))
    page.refresh_from_db()
    page.get_latest_revision().publish()
    html = client.get(EventPage.objects.get().url).content.decode().lower()
    for trace in (
        "<script>alert",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
        "<i>free",
    ):
        assert trace not in html, trace
    assert "friends" in html  # the organiser line, as text
    assert "click" in html and "bye" in html


@pytest.mark.parametrize("field", ["join_url", "organiser_website"])
def test_only_web_links_are_accepted(client, index, workshop, field):
    data = form_data(workshop, attendance_mode="hybrid", **{field: "javascript:alert(1)"})
    if field != "join_url":
        data["join_url"] = "https://meet.example/abc"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "starting with https://" in response.content.decode()
    assert not EventPage.objects.exists()


def test_support_groups_keep_address_and_join_link_private(
    client, index, workshop, support_kind, moderator
):
    client.post(URL, form_data(support_kind, title="Peer circle"))
    client.post(URL, form_data(workshop, title="Ticked group", support_group="on"))
    client.post(URL, form_data(workshop, title="Plain workshop"))
    pages = {page.title: page for page in EventPage.objects.all()}
    for title in ("Peer circle", "Ticked group"):
        assert pages[title].address_after_registration
        assert pages[title].join_link_after_registration
    assert not pages["Plain workshop"].address_after_registration
    assert not pages["Plain workshop"].join_link_after_registration

    # Published, the public sees the area, not the street.
    peer = pages["Peer circle"]
    peer.get_latest_revision().publish()
    html = client.get(EventPage.objects.get(pk=peer.pk).url).content.decode()
    assert "Riverside" in html
    assert "1 River Road" not in html


def test_the_honeypot_looks_like_success_and_stores_nothing(client, index, workshop):
    response = client.post(URL, form_data(workshop, website="http://spam.example"))
    assert response.status_code == 302
    assert not EventPage.objects.exists()
    assert not Submission.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_rate_limit_per_client(client, index, workshop, settings):
    settings.TAPESTRY_EVENT_SUBMISSION_RATE_LIMIT = (2, 600)
    for number in range(2):
        response = client.post(URL, form_data(workshop, email=f"p{number}@example.org"))
        assert response.status_code == 302
    refused = client.post(URL, form_data(workshop, email="p9@example.org", title="Third"))
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "wait 10 minutes" in text
    assert 'value="Third"' in text  # nothing lost
    assert EventPage.objects.count() == 2
    # Another client is not held back by this one.
    other = client.post(URL, form_data(workshop, email="q@example.org"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_rate_limit_per_address_across_clients(client, index, workshop, settings):
    settings.TAPESTRY_EVENT_SUBMISSION_RATE_LIMIT = (2, 600)
    for number in range(2):
        client.post(URL, form_data(workshop), REMOTE_ADDR=f"10.0.1.{number}")
    refused = client.post(URL, form_data(workshop), REMOTE_ADDR="10.0.1.9")
    assert refused.status_code == 200
    assert EventPage.objects.count() == 2


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": "", "email": "nope"}, "Enter a title for your event"),
        ({"start_date": "31/02/2027"}, "Enter a date like"),
        ({"start_time": "25:99"}, "Enter a time like"),
        ({"end_time": "09:00"}, "cannot end before it starts"),
        ({"time_zone": "Mars/Olympus"}, "Choose one of the options"),
        ({"kind": "999999"}, "Choose one of the options"),
        ({"kind": "x' OR 1=1"}, "Choose one of the options"),
        ({"attendance_mode": "teleport"}, "Choose one of the options"),
        ({"venue_name": "", "venue_area": ""}, "Give the venue"),
        ({"attendance_mode": "online"}, "join online"),
        ({"title": "Nul\x00byte"}, "Null characters are not allowed"),
        ({"summary": "x" * 5000}, "300 characters or fewer"),
        ({"repeat_until": "2027-06-30"}, "every week"),
        ({"repeats_weekly": "on", "repeat_until": "2020-01-01"}, ""),
        ({"consent": None}, "Please tick this box"),
        ({"campaign": "abc"}, "Choose one of the options"),
        ({"start_date": "99999-01-01"}, "Enter a date like"),
    ],
)
def test_bad_input_is_answered_on_the_form(client, index, workshop, overrides, message):
    response = client.post(URL, form_data(workshop, **overrides))
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()
    assert not EventPage.objects.exists()
    assert not Venue.objects.exists()  # nothing half-saved


def test_an_empty_post_is_answered_on_the_form(client, index):
    response = client.post(URL, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Add your event" in html
    for message in ("Enter a title for your event", "Enter your email address"):
        assert message in html


DJANGO_WORDS = ("This field is required", "Ensure this value", "Enter a valid", "Select a valid")


def test_messages_say_what_to_do_in_plain_words(index):
    from events.submissions.forms import EditEventForm, SubmitEventForm

    for form in (SubmitEventForm, EditEventForm):
        bad = {"kind": "x", "start_date": "x", "start_time": "x", "join_url": "x", "email": "x"}
        errors = form(data=bad).errors
        assert errors
        for messages in errors.values():
            for message in messages:
                assert not message.startswith(DJANGO_WORDS), message


def test_a_weekly_meeting_repeats_on_its_day_until_the_last_week(client, index, workshop):
    data = form_data(workshop, repeats_weekly="on", repeat_until="2027-06-30")
    assert client.post(URL, data).status_code == 302
    page = EventPage.objects.get()
    assert page.repeat == "WEEKLY"
    assert page.repeat_weekdays == "WE"  # 12 May 2027 is a Wednesday
    assert "FREQ=WEEKLY" in page.rrule and "BYDAY=WE" in page.rrule
    assert "UNTIL=20270630" in page.rrule
