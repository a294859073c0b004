from datetime import timedelta

import pytest
from django.utils import timezone

from events.core.services import heartbeat
from events.outbox.services import outbox

pytestmark = pytest.mark.django_db


def test_healthz_is_unhealthy_until_beat_has_ticked(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["beat"]["status"] == "never seen"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_the_last_beat_tick(client):
    ticked_at = heartbeat.record()
    heartbeat.record(now=ticked_at)
    outbox.sweep()

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["beat"]["ticks"] == 2
    assert body["beat"]["last_tick"] == ticked_at.isoformat()


def test_healthz_fails_when_beat_is_late(client, settings):
    settings.HEARTBEAT_STALE_AFTER_SECONDS = 300
    heartbeat.record(now=timezone.now() - timedelta(seconds=301))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["beat"]["status"] == "late"


def test_healthz_fails_when_the_broker_is_unreachable(client, settings):
    from campaign.celery import app

    heartbeat.record()
    outbox.sweep()
    # Nothing listens on port 9 of loopback, so the connection is refused at once.
    # The write URL too: when set it no longer follows broker_url. The stored values (not
    # the resolved ones) go back afterwards, so an unset write URL stays unset.
    original = app.conf.get("broker_url"), app.conf.get("broker_write_url")
    app.conf.broker_url = app.conf.broker_write_url = "redis://127.0.0.1:9/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url, app.conf.broker_write_url = original

    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"


def test_healthz_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_fails_when_the_mail_sweep_is_late(client, settings):
    settings.HEARTBEAT_STALE_AFTER_SECONDS = 300
    heartbeat.record()
    outbox.sweep(now=timezone.now() - timedelta(minutes=6))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["mail"]["sweep"] == "late"


def test_healthz_counts_overdue_mail(client):
    from events.models import OutboxMessage

    heartbeat.record()
    outbox.sweep()
    OutboxMessage.objects.create(
        recipient="sam@example.org",
        purpose="booking_links",
        target_key="booking:1",
        due_at=timezone.now() - timedelta(minutes=10),
    )

    assert client.get("/healthz").json()["mail"]["overdue"] == 1


def test_healthz_fails_while_owed_mail_is_not_moving(client, settings):
    from events.models import OutboxMessage

    settings.TAPESTRY_MAIL_STALL_SECONDS = 300
    heartbeat.record()
    outbox.sweep()  # beat and the sweep are fine, and the broker answers
    now = timezone.now()
    mail = outbox.Mail(recipient="sam@example.org", purpose="test", target_key="stall")
    [row] = outbox.schedule(mail)
    OutboxMessage.objects.filter(pk=row.pk).update(due_at=now - timedelta(seconds=200))

    assert client.get("/healthz").status_code == 200  # owed, but still within the limit

    OutboxMessage.objects.filter(pk=row.pk).update(due_at=now - timedelta(seconds=400))
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["mail"]["status"] == "stalled"
    assert response.json()["mail"]["oldest_owed_seconds"] >= 400

    OutboxMessage.objects.filter(pk=row.pk).update(status=OutboxMessage.Status.SENT)
    assert client.get("/healthz").status_code == 200
