import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Page

from home.models import StoryPage, StorySubmission
from home.services import submissions
from tests.support.outbox import deliver

STORY_TEXT = (
    "For a long time I did not tell anyone how I felt. Mornings were the hardest part.\n\n"
    "A neighbour invited me to a walking group. We talked about nothing much, and that "
    "was exactly what I needed. <b>Little by little</b> it got easier.\nOne step at a time."
)
GOOD = {"title": "Walking back to myself", "text": STORY_TEXT, "name": "Jo", "consent": "on"}


# Rate limits count in the cache; each test starts from none.
pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def share(client, ip="203.0.113.20", **overrides):
    data = {**GOOD, "website": "", **overrides}
    return client.post(reverse("home:share_story"), data, REMOTE_ADDR=ip)


def test_form_page_has_labelled_fields(client, index):
    content = client.get(reverse("home:share_story")).content.decode()

    assert content.count("<h1") == 1
    for field in ("title", "text", "name", "anonymous", "consent"):
        assert f'<label for="id_{field}">' in content
    assert 'aria-hidden="true"' in content  # the honeypot is hidden from people


def test_a_shared_story_becomes_a_draft_in_moderation_never_published(client, index):
    response = share(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("home:share_story_thanks")
    page = StoryPage.objects.get(title="Walking back to myself")
    assert not page.live and page.first_published_at is None
    assert page.get_parent().pk == index.pk
    assert page.storyteller_name == "Jo"
    assert page.latest_revision is not None
    # Wagtail's moderation workflow has started; only an editor can publish.
    assert page.workflow_in_progress
    assert page.current_workflow_task is not None
    # The reader's text is escaped and kept as paragraphs with its line breaks.
    html = page.body[1].value.source
    assert "&lt;b&gt;Little by little&lt;/b&gt;" in html and "<br/>" in html
    assert len(page.body) == 2
    submission = StorySubmission.objects.get()
    assert submission.page_id == page.pk and submission.consented_at
    assert client.get(page.url or "/stories/walking-back-to-myself/").status_code == 404
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for sharing your story" in thanks


def test_anonymous_wins_over_a_name(client, index):
    share(client, anonymous="on")

    page = StoryPage.objects.get()
    assert page.storyteller_name == ""
    assert StorySubmission.objects.get().anonymous


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "Tick the box to agree"),
        ({"text": "Too short."}, "Your story must be at least 200 characters"),
        ({"title": ""}, "Enter a title for your story"),
        ({"text": STORY_TEXT + " http://a.example http://b.example http://c.example"}, "2 links"),
    ],
)
def test_bad_input_keeps_the_text_and_saves_nothing(client, index, overrides, message):
    response = share(client, **overrides)

    # Like every other public form: the form shown again, not an error page.
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "For a long time I did not tell anyone" in content or "Too short." in content
    assert not StorySubmission.objects.exists()
    assert not StoryPage.objects.exists()


def test_honeypot_and_duplicates_and_rate_limit(client, index, settings):
    assert share(client, website="filled").status_code == 302
    assert not StoryPage.objects.exists()

    assert share(client).status_code == 302
    again = share(client, ip="198.51.100.1")
    assert again.status_code == 200 and "We already have this story" in again.content.decode()

    settings.TAPESTRY_STORY_RATE_LIMIT = (1, 3600)
    cache.clear()
    assert share(client, ip="198.51.100.2", title="First").status_code == 302
    limited = share(client, ip="198.51.100.2", title="Second", text=STORY_TEXT + " More.")
    assert limited.status_code == 200 and "Please wait" in limited.content.decode()
    assert StoryPage.objects.count() == 2


def test_editors_who_can_publish_are_notified_once(index, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@mail.example", "pw")
    editor = django_user_model.objects.create_user("ed", "ed@mail.example", "pw")
    editor.groups.add(Group.objects.get(name="Moderators"))
    django_user_model.objects.create_user("reader", "reader@mail.example", "pw")
    submission = submissions.submit_story(index, title="A story", text=STORY_TEXT, name="")
    mail.outbox.clear()  # Wagtail's own workflow notices, if any

    assert submissions.notify_editors(submission.pk) is True
    assert submissions.notify_editors(submission.pk) is False
    deliver()

    # One mail per editor, so no one sees the others' addresses.
    assert sorted(m.to[0] for m in mail.outbox) == ["boss@mail.example", "ed@mail.example"]
    message = mail.outbox[0]
    assert "A reader shared a story: A story" in message.subject
    assert f"/admin/pages/{submission.page_id}/edit/" in message.body


def test_sharing_enqueues_the_editor_notice(
    client, index, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("home.tasks.notify_story_editors.delay", lambda *a: sent.append(a))
    with django_capture_on_commit_callbacks(execute=True):
        share(client)
    assert sent == [(StorySubmission.objects.get().pk,)]


def test_no_story_index_means_no_form(client, home):
    assert client.get(reverse("home:share_story")).status_code == 404
    assert not Page.objects.type(StoryPage).exists()


def test_a_broker_outage_loses_no_story_and_beat_sends_the_notice_later(
    client, index, django_user_model, django_capture_on_commit_callbacks, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from home import tasks

    django_user_model.objects.create_superuser("boss", "boss@mail.example", "pw")

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr("home.tasks.notify_story_editors.delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = share(client)
    assert response.status_code == 302  # the reader still gets the thank-you page
    submission = StorySubmission.objects.get()
    mail.outbox.clear()

    tasks.notify_waiting_story_editors()  # too fresh: the enqueued task may still be coming
    deliver()
    assert mail.outbox == []
    StorySubmission.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    tasks.notify_waiting_story_editors()
    deliver()

    assert [m.to for m in mail.outbox] == [["boss@mail.example"]]
    submission.refresh_from_db()
    assert submission.editors_notified_at is not None
