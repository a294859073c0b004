"""Scheduled publishing and notices: the task bodies, the beat entries, real workers."""

import uuid
from datetime import timedelta

import pytest
from celery import Celery
from django.conf import settings
from django.core import mail
from django.utils import timezone

from home import tasks
from home.models import Comment, StoryPage
from tests.home.conftest import add_story
from tests.support.outbox import deliver
from tests.support.wagtail_tree import ensure_base_tree
from tests.support.worker import celery_worker


def schedule(index, title="Published later", when=None):
    """What the editor's 'Publish' does with a go-live date in the future."""
    page = add_story(index, title, publish=False)
    page.go_live_at = when or timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and revision.approved_go_live_at is not None
    return page, revision


def make_due(revision):
    """Move the clock past the go-live time, as if the hour had passed."""
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_beat_runs_scheduled_publishing_and_the_comment_safety_net():
    entries = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries["home.tasks.publish_scheduled_pages"]["schedule"] <= 60
    assert "home.tasks.notify_comment_moderators" in entries
    assert "home.tasks.notify_waiting_story_editors" in entries


def test_publish_task_publishes_what_is_due_and_nothing_else(index):
    due, due_revision = schedule(index, "Due now")
    later, _ = schedule(index, "Due tomorrow", timezone.now() + timedelta(days=1))
    make_due(due_revision)

    tasks.publish_scheduled_pages()

    assert StoryPage.objects.get(pk=due.pk).live
    assert not StoryPage.objects.get(pk=later.pk).live


def test_publish_task_unpublishes_what_expired(index, story):
    StoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    tasks.publish_scheduled_pages()

    story.refresh_from_db()
    assert not story.live and story.expired


def test_notice_tasks_call_their_services(story, index, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@mail.example", "pw")
    Comment.objects.create(page=story, name="A", body="One", fingerprint="1")

    tasks.notify_comment_moderators()
    deliver()
    assert len(mail.outbox) == 1

    from home.services import submissions

    submission = submissions.submit_story(index, title="Mine", text="x" * 300)
    mail.outbox.clear()
    tasks.notify_story_editors(submission.pk)
    deliver()
    assert [m.subject for m in mail.outbox] == ["[Tapestry] A reader shared a story: Mine"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_beat_publishes_a_scheduled_story_through_a_real_worker(tmp_path):
    """The embedded setup `make run` uses: beat ticks, the worker runs publish_scheduled."""
    from home import demo
    from home.models import StoryIndexPage

    ensure_base_tree()
    home = demo.load_home_page(log=lambda message: None)
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    page, revision = schedule(index, "Goes live by itself")
    make_due(revision)

    with celery_worker(
        tmp_path, beat=True, extra_env={"TAPESTRY_PUBLISH_SCHEDULED_SECONDS": "1"}
    ) as worker:
        worker.wait_for(lambda: StoryPage.objects.get(pk=page.pk).live, timeout=60)


@pytest.mark.redis
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_publish_task_travels_through_redis_to_a_real_worker(tmp_path):
    from home import demo
    from home.models import StoryIndexPage

    ensure_base_tree()
    home = demo.load_home_page(log=lambda message: None)
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    page, revision = schedule(index, "Goes live via Redis")
    make_due(revision)
    queue = f"test-{uuid.uuid4().hex}"
    client = Celery("probe", broker=settings.REDIS_URL)

    with celery_worker(tmp_path, broker_url=settings.REDIS_URL, queue=queue) as worker:
        client.send_task("home.tasks.publish_scheduled_pages", queue=queue)
        worker.wait_for(lambda: StoryPage.objects.get(pk=page.pk).live, timeout=60)
