import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from home import demo
from home.models import Comment
from home.services import comments as comment_service
from home.services import guards
from tests.home.conftest import (
    add_story,
    hopeful_story,
    peer_author,
    peer_category,
    quiet,
    story_index,
)
from tests.support.demo_once import fresh, module_rows
from tests.support.outbox import deliver

GOOD = {"name": "River", "body": "This helped me today. Thank you.", "email": "r@mail.example"}


# Rate limits count in the cache; each test starts from none.
pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def _build_story():
    index = story_index(demo.load_home_page(log=quiet))
    return {"index": index, "story": hopeful_story(index, peer_author(), peer_category())}


# The story index and a published story (tests/home/conftest.py), built once for the
# module: each test reads its own copies and its writes are undone.
story_rows = module_rows(_build_story)


@pytest.fixture
def index(story_rows, db):
    return fresh(story_rows["index"])


@pytest.fixture
def story(story_rows, db):
    return fresh(story_rows["story"])


def post(client, page, ip="203.0.113.5", **overrides):
    data = {**GOOD, "website": "", **overrides}
    return client.post(reverse("home:post_comment", args=[page.pk]), data, REMOTE_ADDR=ip)


def test_a_new_comment_waits_for_moderation_and_is_not_shown(client, story):
    response = post(client, story)

    assert response.status_code == 302
    assert response["Location"] == f"{story.url}?comment=received#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.email == "r@mail.example"
    assert comment.sender_hash and "203.0.113.5" not in comment.sender_hash
    page = client.get(response["Location"]).content.decode()
    assert "This helped me today" not in page
    assert "will appear here once a moderator has read it" in page


def test_only_approved_comments_are_public_and_counted(client, story):
    for status in Comment.Status.values:
        Comment.objects.create(page=story, name=f"N-{status}", body=f"B-{status}", status=status)

    content = client.get(story.url).content.decode()

    assert "B-approved" in content
    for hidden in ("B-pending", "B-rejected", "B-spam"):
        assert hidden not in content
    assert "1 thought on “Finding my people”" in content


def test_comment_html_is_escaped_and_email_never_shown(client, story):
    Comment.objects.create(
        page=story,
        name="<b>Bold</b>",
        body='<script>alert("x")</script> & friends',
        email="secret@mail.example",
        status=Comment.Status.APPROVED,
    )

    content = client.get(story.url).content.decode()

    assert "<script>" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends" in content
    assert "&lt;b&gt;Bold&lt;/b&gt;" in content
    assert "secret@mail.example" not in content


def test_honeypot_looks_like_success_but_stores_nothing(client, story):
    response = post(client, story, website="http://spam.example")

    assert response.status_code == 302
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter a name to show with your comment"),
        ({"body": "x"}, "Your comment must be at least 2 characters"),
        ({"body": "y" * 3001}, "Your comment must be 3,000 characters or fewer"),
        (
            {"body": "see http://a.example and www.b.example and https://c.example"},
            "no more than 2 links",
        ),
        ({"name": "Visit www.spam.example"}, "leave links out of your name"),
        ({"email": "not-an-email"}, "Enter an email address like name@example.com"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_the_text_kept(client, story, overrides, message):
    response = post(client, story, **overrides)

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
    assert "aria-describedby=" in content
    assert not Comment.objects.exists()
    if "body" in overrides and len(overrides["body"]) < 100:
        assert overrides["body"].replace("&", "&amp;") in content


def test_the_same_comment_twice_is_suppressed(client, story):
    post(client, story)
    response = post(client, story, body="  THIS helped me   today. Thank you. ")

    assert response.status_code == 400
    assert "already been sent" in response.content.decode()
    assert Comment.objects.count() == 1


def test_two_readers_may_say_the_same_kind_thing(client, story):
    assert post(client, story, body="Thank you for sharing.").status_code == 302
    assert post(client, story, ip="198.51.100.7", body="Thank you for sharing.").status_code == 302
    assert Comment.objects.count() == 2


def test_rate_limit_per_sender(client, story, settings):
    settings.TAPESTRY_COMMENT_RATE_LIMIT = (3, 600)
    for number in range(3):
        assert post(client, story, body=f"Comment number {number}").status_code == 302

    refused = post(client, story, body="One more")
    other_sender = post(client, story, ip="198.51.100.9", body="From someone else")

    assert refused.status_code == 400
    assert "wait 10 minutes" in refused.content.decode()
    assert "One more" in refused.content.decode()  # nothing the reader wrote is lost
    assert other_sender.status_code == 302
    assert Comment.objects.count() == 4


def test_rate_limit_counts_in_the_shared_cache(settings):
    settings.TAPESTRY_COMMENT_RATE_LIMIT = (1, 60)
    guards.rate_limit("test", "sender-a", limit=1, window_seconds=60)
    with pytest.raises(guards.RateLimited):
        guards.rate_limit("test", "sender-a", limit=1, window_seconds=60)
    guards.rate_limit("test", "sender-b", limit=1, window_seconds=60)


def test_no_comments_on_drafts_or_when_closed(client, index, story):
    draft = add_story(index, "Draft", publish=False)
    closed = add_story(index, "Closed", allow_comments=False)

    assert post(client, draft).status_code == 404
    assert post(client, closed).status_code == 404
    assert post(client, index).status_code == 404
    assert client.get(reverse("home:post_comment", args=[story.pk])).status_code == 405
    assert "comment-form" not in client.get(closed.url).content.decode()


def test_moderation_changes_state_and_records_who(story, django_user_model):
    moderator = django_user_model.objects.create_user("mod", "mod@mail.example", "pw")
    pending = [
        Comment.objects.create(page=story, name=f"N{n}", body=f"B{n}", fingerprint=str(n))
        for n in range(3)
    ]

    changed = comment_service.moderate(pending[:2], Comment.Status.APPROVED, user=moderator)

    assert changed == 2
    approved = Comment.objects.filter(status=Comment.Status.APPROVED)
    assert set(approved.values_list("moderated_by", flat=True)) == {moderator.pk}
    assert comment_service.status_counts() == {
        "pending": 1,
        "approved": 2,
        "rejected": 0,
        "spam": 0,
    }
    assert comment_service.moderate(pending[:2], Comment.Status.APPROVED) == 0


def test_moderators_are_mailed_once_about_waiting_comments(story, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@mail.example", "pw")
    moderator = django_user_model.objects.create_user("mod", "mod@mail.example", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    django_user_model.objects.create_user("reader", "reader@mail.example", "pw")
    Comment.objects.create(page=story, name="A", body="One", fingerprint="1")
    Comment.objects.create(page=story, name="B", body="Two", fingerprint="2")

    assert comment_service.notify_moderators() == 2
    assert comment_service.notify_moderators() == 0
    deliver()

    # One mail per moderator, so no one sees the others' addresses.
    assert sorted(m.to[0] for m in mail.outbox) == ["boss@mail.example", "mod@mail.example"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    message = mail.outbox[0]
    assert "2 new comments are waiting" in message.subject
    assert "/admin/snippets/home/comment/?status=pending" in message.body
    assert "One" not in message.body  # the text itself stays in the admin


def test_posting_a_comment_enqueues_the_moderator_notice(
    client, story, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        "home.tasks.notify_comment_moderators.delay", lambda *a, **k: sent.append(a)
    )
    with django_capture_on_commit_callbacks(execute=True):
        post(client, story)
    assert sent == [()]


def test_sender_behind_trusted_proxies_is_the_forwarded_address(rf, settings):
    settings.TAPESTRY_TRUSTED_PROXY_HOPS = 1
    behind = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    same = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.3")

    assert guards.client_address(behind) == "203.0.113.9"  # the spoofable part is ignored
    assert guards.sender_hash(behind) == guards.sender_hash(same)
    assert guards.sender_hash(behind) != guards.sender_hash(other)

    settings.TAPESTRY_TRUSTED_PROXY_HOPS = 0
    assert guards.client_address(behind) == "10.0.0.1"


def test_a_broker_outage_still_thanks_the_reader(
    client, story, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr("home.tasks.notify_comment_moderators.delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, story)

    assert response.status_code == 302
    assert Comment.objects.get().moderators_notified_at is None  # beat's sweep will send it


def test_private_pages_take_no_comments_and_never_leak(client, index):
    from wagtail.models import PageViewRestriction

    private = add_story(index, "Members only", intro="Secret summary")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )

    response = post(client, private, name="")  # an invalid form would re-render the page

    assert response.status_code == 404
    assert "Secret summary" not in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://elsewhere.example/page"},
    ],
)
def test_a_comment_posted_from_another_site_is_refused(client, story, headers):
    data = {"name": "Ash", "body": "Hello from elsewhere.", "email": "", "website": ""}

    response = client.post(reverse("home:post_comment", args=[story.pk]), data, **headers)

    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/stories/a-story/"},
        {},
    ],
)
def test_a_comment_from_our_own_page_is_taken_without_a_csrf_token(story, headers):
    strict = Client(enforce_csrf_checks=True)
    data = {"name": "Ash", "body": "Thank you for writing this.", "email": "", "website": ""}

    response = strict.post(reverse("home:post_comment", args=[story.pk]), data, **headers)

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
