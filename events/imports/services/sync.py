"""Apply one pulled feed to a source's events: create, change, cancel, withdraw, or nothing.

Each source UID (its master VEVENT and its RECURRENCE-ID instances together) is one event
page, remembered by an ImportedItem with the fingerprint and SEQUENCE last seen. A UID whose
fingerprint and SEQUENCE are unchanged costs nothing: no page save, no revision, no row
update. Anything else becomes an ImportChange with the field-by-field difference: pending
review for an untrusted source (a new event waits as an unpublished draft), applied and
published as a revision for a trusted one. A UID gone from the feed is withdrawn: the event
is marked cancelled (through a change), never deleted.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from events.calendar.models import EventPage
from events.calendar.models.choices import EventStatus
from events.imports.models import ImportChange, ImportedItem
from events.imports.services import mapping, page_values, parsing

WITHDRAWN_REASON = "No longer in the partner's calendar."


@dataclass
class SyncSummary:
    created: int = 0
    changed: int = 0
    cancelled: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)


def read_feed(source, body, now=None):
    """Parse ``body`` and apply it (pulling's ``read_feed``); FeedError is a ValueError."""
    calendar = parsing.parse_feed(body, default_time_zone=source.default_time_zone)
    return apply_calendar(source, calendar, now=now)


def series(calendar):
    """{key: (master, [overrides])}, grouped as the mapping groups them. The key is the UID;
    a changed instance whose series the feed does not hold stands alone, keyed by its UID
    and RECURRENCE-ID, so each becomes its own page."""
    result = {}
    for master, overrides in mapping.group_series(calendar.events):
        key = master.uid
        if master.recurrence_id is not None:
            key = f"{master.uid}#{page_values.to_json(master.recurrence_id)}"
        result[key] = (master, overrides)
    return result


def fingerprint(master, overrides):
    text = "\n".join([master.fingerprint, *sorted(o.fingerprint for o in overrides)])
    return hashlib.sha256(text.encode()).hexdigest()


def apply_calendar(source, calendar, *, now=None):
    now = now or timezone.now()
    summary = SyncSummary(problems=list(calendar.problems))
    items = {item.uid: item for item in ImportedItem.objects.filter(source=source)}
    trusted = None  # looked up once, only when something changed
    groups = series(calendar)
    for uid, (master, overrides) in groups.items():
        item = items.get(uid)
        print_ = fingerprint(master, overrides)
        sequence = max([master.sequence, *(o.sequence for o in overrides)])
        if (
            item is not None
            and item.withdrawn_at is None
            and item.fingerprint == print_
            and item.sequence == sequence
        ):
            summary.unchanged += 1
            continue
        if trusted is None:
            trusted = source.is_trusted()
        try:
            values = mapping.page_values(master, overrides)
        except ValueError as exc:
            summary.problems.append(f"{master.summary or uid}: {exc}")
            continue
        summary.problems.extend(f"{master.summary or uid}: {p}" for p in values.problems)
        seen = {
            "fingerprint": print_,
            "sequence": sequence,
            "override_keys": sorted(page_values.to_json(o.recurrence_id) for o in overrides),
        }
        try:
            with transaction.atomic():
                proposed = page_values.proposal(values, page_values.place_for(master.location))
                if item is None:
                    _create(source, uid, proposed, seen, trusted, now)
                    summary.created += 1
                else:
                    kind = _update(source, item, proposed, seen, trusted, now)
                    if kind == ImportChange.Kind.CANCEL:
                        summary.cancelled += 1
                    elif kind is not None:
                        summary.changed += 1
                    else:
                        summary.unchanged += 1
        except ValidationError as exc:
            summary.problems.append(f"{master.summary or uid}: {'; '.join(exc.messages)}")
    # An empty feed is more likely a partner's server hiccup than every event withdrawn.
    if groups:
        for uid, item in items.items():
            if uid not in groups and item.withdrawn_at is None:
                if trusted is None:
                    trusted = source.is_trusted()
                with transaction.atomic():
                    _withdraw(source, item, trusted, now)
                summary.withdrawn += 1
    elif items:
        summary.problems.append("The feed had no events; nothing was withdrawn.")
    return summary


def _create(source, uid, proposed, seen, trusted, now):
    page = EventPage(
        slug=_slug(source, uid, proposed["fields"].get("title", "")),
        kind=source.default_kind,
        campaign=source.campaign,
        organiser=source.partner,
        live=False,
    )
    page_values.write(page, proposed)
    source.parent_page.specific.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    item = ImportedItem.objects.create(source=source, uid=uid, page=page, **seen)
    change = ImportChange(
        source=source,
        item=item,
        kind=ImportChange.Kind.NEW,
        proposed=proposed,
        diff=page_values.difference(None, proposed),
    )
    if trusted:
        revision.publish()
        change.state = ImportChange.State.APPLIED
        change.decided_at = now
    change.save()


def _update(source, item, proposed, seen, trusted, now):
    for name, value in seen.items():
        setattr(item, name, value)
    item.withdrawn_at = None
    item.save(update_fields=[*seen, "withdrawn_at"])
    if item.page_id is None:
        return None  # an editor deleted the page: the source does not bring it back
    page = EventPage.objects.get(pk=item.page_id)
    diff = page_values.difference(page, proposed)
    if not diff:
        return None
    pending = item.changes.filter(state=ImportChange.State.PENDING)
    if not page.live:
        # Still a draft awaiting its first review: refresh the draft, keep one "new" change.
        pending.update(state=ImportChange.State.SUPERSEDED, decided_at=now)
        page_values.write(page, proposed)
        page.save()  # not public: the row may follow the draft
        page.save_revision(log_action=True)
        ImportChange.objects.create(
            source=source,
            item=item,
            kind=ImportChange.Kind.NEW,
            proposed=proposed,
            diff=page_values.difference(None, proposed),
        )
        return ImportChange.Kind.UPDATE
    cancelling = (
        proposed["fields"].get("status") == EventStatus.CANCELLED
        and page.status != EventStatus.CANCELLED
    )
    kind = ImportChange.Kind.CANCEL if cancelling else ImportChange.Kind.UPDATE
    _propose(source, item, page, kind, proposed, diff, trusted, now)
    return kind


def _withdraw(source, item, trusted, now):
    ImportedItem.objects.filter(pk=item.pk).update(withdrawn_at=now)
    item.withdrawn_at = now
    if item.page_id is None:
        return
    page = EventPage.objects.get(pk=item.page_id)
    proposed = {
        "fields": {"status": EventStatus.CANCELLED.value, "status_reason": WITHDRAWN_REASON}
    }
    pending = item.changes.filter(state=ImportChange.State.PENDING)
    if not page.live:
        # Never published: nothing to take back; its "new" change is no longer wanted.
        pending.update(state=ImportChange.State.SUPERSEDED, decided_at=now)
        return
    diff = page_values.difference(page, proposed)
    if diff:
        _propose(source, item, page, ImportChange.Kind.WITHDRAW, proposed, diff, trusted, now)


def _propose(source, item, page, kind, proposed, diff, trusted, now):
    item.changes.filter(state=ImportChange.State.PENDING).update(
        state=ImportChange.State.SUPERSEDED, decided_at=now
    )
    change = ImportChange.objects.create(
        source=source, item=item, kind=kind, proposed=proposed, diff=diff
    )
    if trusted:
        apply(change, page, user=None, now=now)


def apply(change, page, *, user, now=None):
    """Write a change to its page and publish it as a new revision."""
    page_values.write(page, change.proposed)
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    change.state = ImportChange.State.APPLIED
    change.decided_at = now or timezone.now()
    change.decided_by = user
    change.save(update_fields=["state", "decided_at", "decided_by"])


def _slug(source, uid, title):
    tag = hashlib.sha256(f"{source.pk}:{uid}".encode()).hexdigest()[:8]
    return f"{slugify(title)[:60].strip('-') or 'event'}-{tag}"
