"""Celery tasks for editorial content: load ids, call a service, nothing else."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="home.tasks.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages():
    """Run by beat: publish what editors scheduled, unpublish what expired.

    Wagtail keeps this logic in its ``publish_scheduled`` command; running that command
    is the supported way to make scheduled publishing fire.
    """
    call_command("publish_scheduled", verbosity=0)


@shared_task(name="home.tasks.notify_comment_moderators", ignore_result=True)
def notify_comment_moderators():
    from home.services import comments

    comments.notify_moderators()


@shared_task(name="home.tasks.notify_story_editors", ignore_result=True)
def notify_story_editors(submission_id):
    from home.services import submissions

    submissions.notify_editors(submission_id)


@shared_task(name="home.tasks.notify_waiting_story_editors", ignore_result=True)
def notify_waiting_story_editors():
    """Run by beat: a safety net for notices that could not be enqueued at the time."""
    from home.services import submissions

    for submission_id in submissions.waiting_for_notice():
        submissions.notify_editors(submission_id)
