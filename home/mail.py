"""Mail to editors and moderators, built by small functions and sent through the outbox."""

from dataclasses import dataclass

from campaign.organisation import organisation_name
from events.outbox.services import outbox


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def comment_moderation_message(*, new, pending, queue_url):
    site = organisation_name()
    plural = "comment is" if new == 1 else "comments are"
    return Message(
        subject=f"[{site}] {new} new {plural} waiting for moderation",
        body=(
            f"{new} new {plural} waiting for moderation ({pending} in the queue in total).\n\n"
            f"Nothing is public until a moderator approves it. The queue:\n{queue_url}\n"
        ),
    )


def story_submission_message(*, title, edit_url):
    site = organisation_name()
    return Message(
        subject=f"[{site}] A reader shared a story: {title}",
        body=(
            f"A reader sent a story through the share-your-story form:\n\n  {title}\n\n"
            "It is saved as a draft and nothing is published until an editor does so. "
            f"Read and edit it here:\n{edit_url}\n"
        ),
    )


def send(message, recipients, *, about):
    """Owe ``message`` to each recipient, in the caller's transaction; the outbox sends it.

    ``about`` names what the notice concerns (e.g. "story-submission:12"); with the
    recipient it makes the notice unique, so it cannot be written twice.
    """
    outbox.schedule(
        *(
            outbox.Mail(
                recipient=recipient,
                purpose="notice",
                target_key=about,
                payload={"subject": message.subject, "body": message.body},
            )
            for recipient in recipients
        )
    )
