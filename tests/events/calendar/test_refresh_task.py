"""The daily occurrence refresh: scheduled by beat, run by a real worker."""

import uuid
from datetime import date, time, timedelta

import pytest
from celery import Celery
from django.conf import settings
from django.utils import timezone

from events.models import Occurrence
from tests.events import factories
from tests.support.worker import celery_worker


def test_beat_schedules_the_daily_refresh():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-occurrences"]

    assert entry["task"] == "events.tasks.refresh_occurrences"
    assert entry["schedule"].hour == {3}


@pytest.mark.worker
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_extends_the_rolling_horizon(tmp_path, settings):
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 30
    start = timezone.localdate() + timedelta(days=1)
    event = factories.event(
        start_date=start,
        start_time=time(18, 30),
        repeat="WEEKLY",
        repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
    )
    assert 4 <= Occurrence.objects.filter(event=event).count() <= 5

    queue = f"test-{uuid.uuid4().hex}"
    client = Celery("probe", broker=settings.REDIS_URL)
    extra = {"TAPESTRY_OCCURRENCE_HORIZON_DAYS": "120"}
    with celery_worker(
        tmp_path, broker_url=settings.REDIS_URL, queue=queue, extra_env=extra
    ) as worker:
        client.send_task("events.tasks.refresh_occurrences", queue=queue)
        worker.wait_for(lambda: Occurrence.objects.filter(event=event).count() >= 17, timeout=60)
    assert date.today() < Occurrence.objects.filter(event=event).last().start.date()
