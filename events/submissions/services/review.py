"""After the link: verify the address, then publish (trusted partner) or ask the moderators.

Rules:
- nothing a submitter sends is published before their address is verified;
- a verified submitter who is a partner trusted in the event's campaign publishes a new
  event directly, and later changes that are not material (summary, description, title);
- every other change, and any material one (time, place, join link, status) to a live
  event, is saved as a new revision and sent to the page's moderation workflow: the live
  version stays as it was until a moderator approves.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.models import WorkflowState

from events.partners.models import Partner
from events.submissions.models import Submission
from events.submissions.services import details

PUBLISHED = "published"
IN_REVIEW = "in_review"
WAITING_FOR_CONFIRMATION = "unconfirmed"
DRAFT = "draft"  # no moderation workflow applies: the editors publish it by hand


@dataclass(frozen=True)
class Outcome:
    state: str
    material: tuple = ()


def organiser_of(submission):
    return " ".join(f"{submission.organiser_name} {submission.organiser_website}".split())


def match_partner(submission):
    """A partner the submitter speaks for: named by them, and its contact address is the
    one just verified. An editor may also choose one in the admin."""
    if submission.partner_id or not submission.organiser_name:
        return submission.partner
    return Partner.objects.filter(
        name__iexact=submission.organiser_name,
        contact_email__iexact=submission.submitter_email,
    ).first()


def is_trusted(submission, page):
    partner = submission.partner
    return bool(submission.is_verified and partner and partner.is_trusted_for(page.campaign))


def confirm(submission_id, now=None):
    """Verify the address of ``submission_id`` (once) and send its event on its way."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.is_verified:
            return Outcome(_state(submission.page))
        submission.email_verified_at = now or timezone.now()
        submission.partner = match_partner(submission)
        submission.save(update_fields=["email_verified_at", "partner", "updated_at"])
        draft = submission.page.get_latest_revision_as_object()
        if submission.partner is not None and draft.organiser_id is None:
            draft.organiser = submission.partner
        revision = draft.save_revision(log_action=True)
        if is_trusted(submission, draft):
            revision.publish()
            return Outcome(PUBLISHED)
        return Outcome(_to_moderation(draft))


def edit(submission_id, values):
    """Save the submitter's changes as a new revision and decide what happens to it.

    Raises ``details.InvalidEvent`` when the values do not make an event (nothing saved).
    """
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        page = submission.page.specific
        organiser = organiser_of(submission)
        draft = page.get_latest_revision_as_object()
        # Material is measured against what the public sees now, if anything.
        before = details.from_page(page if page.live else draft, organiser)
        details.apply(draft, {**values, "organiser": organiser})
        material = tuple(details.material_changes(before, details.from_page(draft, organiser)))
        revision = draft.save_revision(log_action=True)
        if not submission.is_verified:
            return Outcome(WAITING_FOR_CONFIRMATION, material)
        if _in_review(page):
            # The workflow publishes the latest revision when approved: this one.
            return Outcome(IN_REVIEW, material)
        if page.live and not material and is_trusted(submission, draft):
            revision.publish()
            return Outcome(PUBLISHED, material)
        return Outcome(_to_moderation(draft), material)


def _in_review(page):
    """A moderator has it now (one sent back for changes is the submitter's turn)."""
    states = WorkflowState.objects.for_instance(page)
    return states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def _to_moderation(page):
    """Start the page's workflow (or resume one sent back for changes)."""
    state = WorkflowState.objects.for_instance(page).active().first()
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=None)
        return IN_REVIEW
    workflow = page.get_workflow()
    if workflow is None:
        return DRAFT
    workflow.start(page, user=None)
    return IN_REVIEW


def _state(page):
    page.refresh_from_db()
    if _in_review(page):
        return IN_REVIEW
    if page.live and not page.has_unpublished_changes:
        return PUBLISHED
    return DRAFT
