"""Share-your-story: a reader's story becomes a draft page for the editors, never more."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.rich_text import RichText

from home import mail
from home.models import StoryIndexPage, StoryPage, StorySubmission
from home.services import guards

DUPLICATE_WINDOW = timedelta(days=7)
logger = logging.getLogger(__name__)


def submission_index(site):
    """The story index that receives readers' stories: the first one under the site root."""
    if site is None:
        return None
    return StoryIndexPage.objects.descendant_of(site.root_page, inclusive=True).first()


def paragraphs(text):
    """Plain text to escaped paragraphs; single line breaks are kept."""
    blocks = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [
        "<p>" + "<br/>".join(escape(line.strip()) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    ]


def submit_story(index, *, title, text, name="", anonymous=False, sender=""):
    """Save the story as a draft page under ``index`` and start its workflow.

    Raises ``guards.GuardError`` for a sender over the rate limit or a repeat submission.
    """
    limit, window = getattr(settings, "TAPESTRY_STORY_RATE_LIMIT", (3, 3600))
    guards.rate_limit("story", sender, limit=limit, window_seconds=window)
    print_ = guards.fingerprint(title, text)
    recent = timezone.now() - DUPLICATE_WINDOW
    if StorySubmission.objects.filter(fingerprint=print_, created_at__gte=recent).exists():
        raise guards.Duplicate(
            _("We already have this story: thank you. An editor will read it soon."), field="text"
        )
    with transaction.atomic():
        submission = _create_draft(index, title, text, "" if anonymous else name, anonymous)
        submission.sender_hash = sender
        submission.fingerprint = print_
        submission.save()
        transaction.on_commit(lambda: _enqueue_editor_notice(submission.pk))
    return submission


def _create_draft(index, title, text, name, anonymous):
    first = text.strip().split("\n\n", 1)[0]
    page = StoryPage(
        title=title,
        slug=find_available_slug(index, slugify(title)[:60] or "story"),
        intro=Truncator(" ".join(first.split())).chars(300),
        storyteller_name=name,
        body=[("paragraph", RichText(html)) for html in paragraphs(text)],
        live=False,
    )
    index.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user=None)
    return StorySubmission(
        page=page,
        title=title,
        display_name=name,
        anonymous=anonymous,
        consented_at=revision.created_at,
    )


def _enqueue_editor_notice(submission_id):
    from home.tasks import notify_story_editors

    try:
        notify_story_editors.delay(submission_id)
    except Exception:  # the story is saved; beat's safety net sends the notice later
        logger.exception("Could not enqueue the editor notice; beat will retry.")


def waiting_for_notice(older_than=timedelta(minutes=2)):
    """Submissions whose editor notice has not gone out (e.g. the broker was down)."""
    cutoff = timezone.now() - older_than
    return list(
        StorySubmission.objects.filter(editors_notified_at__isnull=True, created_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def editors_for(page):
    policy = PagePermissionPolicy()
    users = policy.users_with_permission_for_instance("publish", page)
    return users.exclude(email="").order_by("pk")


@transaction.atomic
def notify_editors(submission_id):
    """Mail the editors who can publish the draft; once per submission however often run."""
    submission = (
        StorySubmission.objects.select_for_update(of=("self",))
        .filter(pk=submission_id, editors_notified_at__isnull=True)
        .select_related("page")
        .first()
    )
    if submission is None or submission.page is None:
        return False
    recipients = [user.email for user in editors_for(submission.page)]
    if recipients:
        edit_path = reverse("wagtailadmin_pages:edit", args=[submission.page.pk])
        mail.send(
            mail.story_submission_message(
                title=submission.title,
                edit_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + edit_path,
            ),
            recipients,
            about=f"story-submission:{submission.pk}",
        )
    submission.editors_notified_at = timezone.now()
    submission.save(update_fields=["editors_notified_at"])
    return True
