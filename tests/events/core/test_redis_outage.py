"""A bad hour: Redis goes away while people keep signing up (real redis-server, real worker).

Redis is the cache and the broker. While it is away pages and forms keep working (the
cache only misses, the rate limit counts per process) and bookings are stored with their
mail owed; once it is back the worker sends each owed mail exactly once.
"""

import logging
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from campaign.cache import CacheUnavailable
from campaign.settings.base import redis_cache
from events.core.services import ratelimit
from events.models import Booking, OutboxMessage
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data, signup_url
from tests.support.redis_server import private_redis
from tests.support.worker import celery_worker, sent_mail_files

pytestmark = [pytest.mark.redis_server]
FAST_BEAT = {"TAPESTRY_SWEEP_SECONDS": "1", "TAPESTRY_HEARTBEAT_SECONDS": "1"}


@pytest.fixture
def redis_server(tmp_path):
    (tmp_path / "redis").mkdir()
    with private_redis(tmp_path / "redis") as server:
        yield server


@pytest.fixture
def redis_cache_settings(redis_server):
    """The site's own Redis cache settings, pointed at the private server."""
    with override_settings(
        CACHES={"default": redis_cache(redis_server.url)}, TAPESTRY_PAGE_CACHE_SECONDS=300
    ):
        yield
        caches["default"].close()


def test_cache_misses_and_drops_writes_while_redis_is_down(
    redis_server, redis_cache_settings, caplog
):
    # Retry Redis on every call rather than after the backoff, so its return shows at once.
    caches["default"].RETRY_SECONDS = 0
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"

    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="campaign.cache"):
        assert cache.get("greeting") is None
        assert cache.get("greeting", "default") == "default"
        cache.set("greeting", "bye")  # dropped, no error
        assert cache.get_many(["greeting"]) == {}
        assert cache.add("other", 1) is False
        cache.delete("greeting")
        with pytest.raises(CacheUnavailable):
            cache.incr("counter")
    outage_logs = [r for r in caplog.records if r.name == "campaign.cache"]
    assert len(outage_logs) == 1  # logged once, not once a call

    redis_server.start()
    cache.set("greeting", "back")
    assert cache.get("greeting") == "back"


def test_rate_limit_counts_per_process_while_redis_is_down(redis_server, redis_cache_settings):
    redis_server.stop()
    sender = uuid.uuid4().hex

    answers = [ratelimit.allow("test", sender, limit=3, window_seconds=60) for _ in range(5)]

    assert answers == [True, True, True, False, False]


@pytest.mark.django_db
def test_control_django_redis_cache_turns_an_outage_into_a_500(client, redis_server):
    """Without the degrading backend the same outage is an error page: the guard matters."""
    plain = {
        **redis_cache(redis_server.url),
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
    }
    with override_settings(CACHES={"default": plain}):
        event, shift = event_with_shift()
        assert client.get(event.url).status_code == 200
        redis_server.stop()
        client.raise_request_exception = False

        assert client.get(signup_url(event, shift)).status_code == 500
        caches["default"].close()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_sign_ups_continue_while_redis_is_down_and_mail_is_sent_once_after(
    client, tmp_path, redis_server, redis_cache_settings
):
    event, shift = event_with_shift(capacity=10)
    # Wagtail's site root paths and the page itself are now in the Redis cache.
    assert client.get(event.url).status_code == 200
    assert client.get(event.url).status_code == 200

    redis_server.stop()
    statuses = [client.get(event.url).status_code, client.get(signup_url(event, shift)).status_code]
    for index in range(3):
        response = client.post(signup_url(event, shift), form_data(email=f"v{index}@example.org"))
        statuses.append(response.status_code)

    assert statuses == [200, 200, 302, 302, 302]
    assert Booking.objects.filter(status=Booking.Status.PENDING).count() == 3
    owed = OutboxMessage.objects.filter(purpose="booking_pending")
    assert owed.count() == 3 and not owed.filter(status=OutboxMessage.Status.SENT).exists()

    redis_server.start()  # an empty Redis: whatever was queued in it is gone
    with celery_worker(
        tmp_path,
        broker_url=redis_server.url,
        queue=f"test-{uuid.uuid4().hex}",
        beat=True,
        extra_env=FAST_BEAT,
    ) as running:
        running.wait_for(
            lambda: owed.filter(status=OutboxMessage.Status.SENT).count() == 3, timeout=90
        )

    assert len(sent_mail_files(tmp_path)) == 3
    recipients = sorted(row.recipient for row in owed)
    assert recipients == ["v0@example.org", "v1@example.org", "v2@example.org"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_restarted_under_a_running_worker(client, tmp_path, redis_server, settings):
    """The worker survives (or, in production, is restarted by its process manager), mail
    flows again, and /healthz fails while owed mail waits and recovers once it is sent."""
    from campaign.celery import app
    from events.bookings.services import booking

    settings.TAPESTRY_MAIL_STALL_SECONDS = 3
    shift = event_with_shift(capacity=10, requirements="")[1]
    original_broker = app.conf.broker_url
    app.conf.broker_url = redis_server.url  # what /healthz checks in this process
    sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT)
    try:
        with celery_worker(
            tmp_path,
            broker_url=redis_server.url,
            queue=f"test-{uuid.uuid4().hex}",
            beat=True,
            pool="prefork",
            extra_env=FAST_BEAT,
        ) as running:
            booking.sign_up(shift.pk, name="Ana", email="before@example.org")
            running.wait_for(lambda: sent.count() == 1, timeout=90)
            running.wait_for(lambda: client.get("/healthz").status_code == 200, timeout=30)

            redis_server.stop()
            booking.sign_up(shift.pk, name="Bo", email="during@example.org")
            # The mail is owed and cannot move: /healthz says so.
            running.wait_for(lambda: client.get("/healthz").status_code == 503, timeout=30)
            body = client.get("/healthz").json()
            assert body["broker"] == "unreachable"
            running.wait_for(
                lambda: client.get("/healthz").json()["mail"]["status"] == "stalled", timeout=30
            )

            redis_server.start()  # a restarted Redis: empty, every client disconnected
            running.wait_for(lambda: sent.count() == 2, timeout=120)
            running.wait_for(lambda: client.get("/healthz").status_code == 200, timeout=60)
            assert running.process.poll() is None  # the same worker, still running
    finally:
        app.conf.broker_url = original_broker

    assert sorted(sent.values_list("recipient", flat=True)) == [
        "before@example.org",
        "during@example.org",
    ]
    assert len(sent_mail_files(tmp_path)) == 2
