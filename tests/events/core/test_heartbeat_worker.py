"""End to end with real processes: beat schedules, a worker runs, the database records it."""

import uuid

import pytest
from celery import Celery
from django.conf import settings

from events.models import Heartbeat
from tests.support.worker import celery_worker

pytestmark = pytest.mark.worker
EVERY_SECOND = {"TAPESTRY_HEARTBEAT_SECONDS": "1"}


@pytest.mark.django_db(transaction=True)
def test_beat_tick_reaches_a_worker_over_the_embedded_broker(tmp_path):
    """The embedded default of `make run`: no Redis, the queue in a SQLite file in var/."""
    with celery_worker(tmp_path, beat=True, extra_env=EVERY_SECOND) as worker:
        beat = worker.wait_for(
            lambda: Heartbeat.objects.filter(name="beat", runs__gte=2).first(), timeout=60
        )
    assert beat.runs >= 2


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_task_travels_through_redis_to_a_real_worker_and_back(tmp_path):
    queue = f"test-{uuid.uuid4().hex}"
    client = Celery("probe", broker=settings.REDIS_URL, backend=settings.REDIS_URL)
    with celery_worker(tmp_path, broker_url=settings.REDIS_URL, queue=queue) as worker:
        result = client.send_task("events.tasks.ping", args=["hello"], queue=queue)
        try:
            assert result.get(timeout=60) == {"pong": "hello"}
        except Exception as exc:
            raise AssertionError(worker.log()) from exc
        finally:
            result.forget()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_beat_tick_reaches_a_worker_over_redis(tmp_path):
    queue = f"test-{uuid.uuid4().hex}"
    with celery_worker(
        tmp_path, broker_url=settings.REDIS_URL, queue=queue, beat=True, extra_env=EVERY_SECOND
    ) as worker:
        worker.wait_for(lambda: Heartbeat.objects.filter(name="beat").exists(), timeout=60)
