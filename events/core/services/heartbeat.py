"""Record and read the periodic heartbeat that proves beat and a worker are running."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.core.models import Heartbeat

BEAT = "beat"


def record(name=BEAT, now=None):
    """Note that the job ``name`` ran now; safe to call from many workers at once."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Heartbeat.objects.filter(name=name).update(last_seen=now, runs=F("runs") + 1)
        if not updated:
            Heartbeat.objects.get_or_create(name=name, defaults={"last_seen": now, "runs": 1})
    return now


@dataclass(frozen=True)
class BeatStatus:
    last_seen: datetime | None
    age_seconds: float | None
    runs: int
    healthy: bool


def status(name=BEAT, now=None):
    now = now or timezone.now()
    beat = Heartbeat.objects.filter(name=name).first()
    if beat is None:
        return BeatStatus(last_seen=None, age_seconds=None, runs=0, healthy=False)
    age = (now - beat.last_seen).total_seconds()
    return BeatStatus(
        last_seen=beat.last_seen,
        age_seconds=round(age, 1),
        runs=beat.runs,
        healthy=age <= settings.HEARTBEAT_STALE_AFTER_SECONDS,
    )
