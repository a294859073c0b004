"""Reader comments: taking one in (behind the guards), moderating, telling moderators."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.permission_policies import ModelPermissionPolicy

from campaign import pagecache
from events.core.services import editorial_stamp
from home import mail
from home.models import Comment
from home.services import guards, page_urls
from home.services.stories import STORY_PAGE_MODELS

DUPLICATE_WINDOW = timedelta(days=1)
logger = logging.getLogger(__name__)


def can_comment_on(page):
    """Live, public stories and articles that allow comments.

    Pages behind a privacy restriction take no comments: the comment view re-renders the
    page with the form's errors, and must never show restricted content.
    """
    specific = page.specific
    return (
        isinstance(specific, STORY_PAGE_MODELS)
        and specific.live
        and getattr(specific, "allow_comments", False)
        and type(specific).objects.public().filter(pk=specific.pk).exists()
    )


def fingerprint(page_id, sender, body):
    """Same page, same sender, same words (ignoring case and spacing).

    Scoped to the sender: two readers who both write "Thank you for sharing" are not
    duplicates of each other; one reader pressing Send twice is.
    """
    return guards.fingerprint(page_id, sender, body)


def submit_comment(page, *, name, body, email="", sender=""):
    """Store a comment as pending and ask for moderators to be told.

    Raises a ``guards.GuardError`` (with a message for the reader) when the sender is over
    the rate limit or has already posted the same text on this page.
    """
    limit, window = getattr(settings, "TAPESTRY_COMMENT_RATE_LIMIT", (5, 600))
    guards.rate_limit("comment", sender, limit=limit, window_seconds=window)
    print_ = fingerprint(page.pk, sender, body)
    recent = timezone.now() - DUPLICATE_WINDOW
    if Comment.objects.filter(fingerprint=print_, created_at__gte=recent).exists():
        raise guards.Duplicate(
            _(
                "It looks like this comment has already been sent. It will appear once a "
                "moderator has read it."
            ),
            field="body",
        )
    comment = Comment.objects.create(
        page=page,
        name=name,
        body=body,
        email=email,
        sender_hash=sender,
        fingerprint=print_,
    )
    transaction.on_commit(_enqueue_moderator_notice)
    return comment


def _enqueue_moderator_notice():
    from home.tasks import notify_comment_moderators

    try:
        notify_comment_moderators.delay()
    except Exception:  # the comment is saved; beat's safety net sends the notice later
        logger.exception("Could not enqueue the moderator notice; beat will retry.")


def moderate(comments, status, user=None):
    """Set ``status`` on the given comments (a queryset or list); returns how many changed."""
    ids = [comment.pk for comment in comments]
    rows = list(Comment.objects.filter(pk__in=ids).exclude(status=status).only("pk", "page_id"))
    changed = (
        Comment.objects.filter(pk__in=ids)
        .exclude(status=status)
        .update(status=status, moderated_at=timezone.now(), moderated_by=user)
    )
    if changed:
        # A bulk update sends no post_save: approving (or withdrawing) a comment changes
        # its page and the cards counting its comments, so those cached pages go, and
        # what is kept under the comments stamp is read again.
        pagecache.purge_on_commit(page_urls.comments_urls(rows))
        editorial_stamp.renew_comments()
    return changed


def status_counts():
    """How many comments are in each state, for the dashboard (one query)."""
    counts = dict.fromkeys(Comment.Status.values, 0)
    for row in Comment.objects.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def moderators():
    """Active users with an email who may moderate comments (superusers included)."""
    users = ModelPermissionPolicy(Comment).users_with_permission("change")
    return users.exclude(email="").order_by("pk")


def moderation_queue_url():
    path = reverse("wagtailsnippets_home_comment:list") + "?status=pending"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def notify_moderators():
    """Mail moderators once about comments that arrived since the last notice.

    Safe to run twice or concurrently: the rows it reports are locked and marked in the
    same transaction as the send, so each waiting comment is announced once.
    Returns the number of comments announced.
    """
    waiting = list(
        Comment.objects.select_for_update(skip_locked=True)
        .filter(status=Comment.Status.PENDING, moderators_notified_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not waiting:
        return 0
    recipients = [user.email for user in moderators()]
    if recipients:
        total_pending = Comment.objects.filter(status=Comment.Status.PENDING).count()
        mail.send(
            mail.comment_moderation_message(
                new=len(waiting), pending=total_pending, queue_url=moderation_queue_url()
            ),
            recipients,
            about=f"comments-waiting:{max(waiting)}",
        )
    Comment.objects.filter(pk__in=waiting).update(moderators_notified_at=timezone.now())
    return len(waiting)
