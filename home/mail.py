"""Mail to editors and moderators, built by small functions and sent through the outbox."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.organisation import organisation_name
from events.outbox.services import outbox


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def comment_moderation_message(*, new, pending, queue_url):
    site = organisation_name()
    waiting = ngettext(
        "%(count)s new comment is waiting for moderation",
        "%(count)s new comments are waiting for moderation",
        new,
    ) % {"count": new}
    counted = ngettext(
        "%(count)s new comment is waiting for moderation (%(pending)s in the queue in total).",
        "%(count)s new comments are waiting for moderation (%(pending)s in the queue in total).",
        new,
    ) % {"count": new, "pending": pending}
    queue = _("Nothing is public until a moderator approves it. The queue:")
    return Message(
        subject=f"[{site}] {waiting}",
        body=f"{counted}\n\n{queue}\n{queue_url}\n",
    )


def story_submission_message(*, title, edit_url):
    site = organisation_name()
    shared = _("A reader shared a story: %(title)s") % {"title": title}
    sent = _("A reader sent a story through the share-your-story form:")
    draft = _(
        "It is saved as a draft and nothing is published until an editor does so. "
        "Read and edit it here:"
    )
    return Message(
        subject=f"[{site}] {shared}",
        body=f"{sent}\n\n  {title}\n\n{draft}\n{edit_url}\n",
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
