"""Editors decide on imported changes: approve (apply and publish) or reject.

Only someone who may publish the event page may decide; the change row is locked so two
editors clicking at once decide it once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.calendar.models import EventPage
from events.imports.models import ImportChange
from events.imports.services import page_values, sync


class ReviewError(Exception):
    """Shown to the editor: the change is gone, decided, or not theirs to decide."""


def can_decide(user, change):
    page = change.item.page
    return page is not None and page.permissions_for_user(user).can_publish()


def pending_for(user):
    """[(source, [change, ...])] of the pending changes ``user`` may decide, oldest first."""
    changes = (
        ImportChange.objects.filter(state=ImportChange.State.PENDING)
        .select_related("source", "source__partner", "item", "item__page")
        .order_by("source__name", "created_at")
    )
    grouped = {}
    for change in changes:
        if can_decide(user, change):
            # Labels in the editor's language (not saved).
            change.diff = page_values.labelled(change.diff or [])
            grouped.setdefault(change.source, []).append(change)
    return list(grouped.items())


def pending_count():
    return ImportChange.objects.filter(state=ImportChange.State.PENDING).count()


def approve(change_id, user, *, now=None):
    with transaction.atomic():
        change = _claim(change_id, user)
        page = EventPage.objects.get(pk=change.item.page_id)
        sync.apply(change, page, user=user, now=now)
    return change


def reject(change_id, user, *, now=None):
    with transaction.atomic():
        change = _claim(change_id, user)
        change.state = ImportChange.State.REJECTED
        change.decided_at = now or timezone.now()
        change.decided_by = user
        change.save(update_fields=["state", "decided_at", "decided_by"])
        page = change.item.page
        if change.kind == ImportChange.Kind.NEW and page is not None and not page.live:
            # A refused new event leaves no draft behind; the item remembers the UID (with
            # no page), so later pulls do not bring it back.
            page.delete()
    return change


def _claim(change_id, user):
    change = (
        ImportChange.objects.select_for_update(of=("self",))
        .select_related("item", "item__page")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        raise ReviewError(_("That change no longer exists."))
    if change.state != ImportChange.State.PENDING:
        raise ReviewError(
            _("That change was already decided: %(state)s.") % {"state": change.get_state_display()}
        )
    if not can_decide(user, change):
        raise ReviewError(_("You may not publish this event, so you cannot decide this change."))
    return change
