"""When to pull a source, and what a pull records on it.

A failing source backs off (its interval doubled per failure in a row, at most a day) and
after ``MAX_FAILURES`` in a row it is switched off: an editor sees it on the dashboard and
on the source's admin page and switches it back on. Nothing is retried forever.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from events.imports.models import ImportSource
from events.imports.services import fetch, sync

logger = logging.getLogger(__name__)

MAX_FAILURES = 5
MAX_BACKOFF = timedelta(days=1)


@dataclass(frozen=True)
class PullResult:
    source_id: int
    ok: bool
    not_modified: bool = False
    error: str = ""
    summary: object = None  # what sync returned, when the feed was read


def next_attempt_at(source):
    if source.last_attempt_at is None:
        return None
    delay = timedelta(minutes=max(source.pull_every_minutes, 1))
    delay = min(delay * (2 ** min(source.consecutive_failures, 10)), MAX_BACKOFF)
    return source.last_attempt_at + delay


def due_sources(now=None):
    """Sources not switched off whose interval (with back-off) has passed."""
    now = now or timezone.now()
    candidates = ImportSource.objects.filter(disabled_at__isnull=True).order_by("pk")
    return [s for s in candidates if (next_attempt_at(s) or now) <= now]


def pull_due(now=None):
    """Beat's task: pull every due source; one broken source never stops the others."""
    now = now or timezone.now()
    results = []
    for source in due_sources(now):
        try:
            results.append(pull(source, now=now))
        except Exception as exc:  # a bug or a database error: still counted, never looped
            logger.exception("Pulling %s failed", source)
            results.append(_failed(source, f"Unexpected error: {exc.__class__.__name__}", now))
    return results


def pull(source, *, now=None, read_feed=None, fetcher=fetch.fetch):
    """Fetch the source and hand a changed body to ``read_feed(source, body, now)``.

    ``read_feed`` parses and applies the feed (it raises ValueError for a body that is not
    a calendar). The source row gets one UPDATE whatever happens.
    """
    now = now or timezone.now()
    read_feed = read_feed or sync.read_feed
    try:
        fetched = fetcher(source.url, etag=source.etag, last_modified=source.last_modified)
        summary = None if fetched.not_modified else read_feed(source, fetched.body, now)
    except (fetch.FetchError, ValueError) as exc:
        return _failed(source, str(exc) or exc.__class__.__name__, now)
    fields = {
        "last_attempt_at": now,
        "last_success_at": now,
        "consecutive_failures": 0,
        "last_error": "",
    }
    if not fetched.not_modified:
        fields["etag"] = fetched.etag
        fields["last_modified"] = fetched.last_modified
    _update(source, fields)
    return PullResult(source.pk, ok=True, not_modified=fetched.not_modified, summary=summary)


def _failed(source, message, now):
    failures = source.consecutive_failures + 1
    fields = {
        "last_attempt_at": now,
        "consecutive_failures": failures,
        "last_error": message[:2000],
    }
    if failures >= MAX_FAILURES:
        fields["disabled_at"] = now
    _update(source, fields)
    return PullResult(source.pk, ok=False, error=message)


def _update(source, fields):
    ImportSource.objects.filter(pk=source.pk).update(**fields)
    for name, value in fields.items():
        setattr(source, name, value)


def failing_sources():
    """For the dashboard: switched off, or failing at the moment."""
    return ImportSource.objects.filter(
        Q(disabled_at__isnull=False) | Q(consecutive_failures__gt=0)
    ).order_by("-disabled_at", "name")


def switch_on(source):
    """An editor fixed the address (or the partner fixed their server): pull it again."""
    _update(source, {"disabled_at": None, "consecutive_failures": 0, "last_attempt_at": None})
