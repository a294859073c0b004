"""Mail to editors and moderators. Each message is built by one small function, so that
the sending can later move to an outbox without touching the callers."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def comment_moderation_message(*, new, pending, queue_url):
    site = settings.WAGTAIL_SITE_NAME
    plural = "comment is" if new == 1 else "comments are"
    return Message(
        subject=f"[{site}] {new} new {plural} waiting for moderation",
        body=(
            f"{new} new {plural} waiting for moderation ({pending} in the queue in total).\n\n"
            f"Nothing is public until a moderator approves it. The queue:\n{queue_url}\n"
        ),
    )


def story_submission_message(*, title, edit_url):
    site = settings.WAGTAIL_SITE_NAME
    return Message(
        subject=f"[{site}] A reader shared a story: {title}",
        body=(
            f"A reader sent a story through the share-your-story form:\n\n  {title}\n\n"
            "It is saved as a draft and nothing is published until an editor does so. "
            f"Read and edit it here:\n{edit_url}\n"
        ),
    )


def send(message, recipients):
    """Send now. One place to change when mail moves to an outbox."""
    send_mail(message.subject, message.body, None, list(recipients), fail_silently=False)
