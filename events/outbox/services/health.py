"""Checks behind /healthz: can we reach the database and the broker, is beat ticking, and
is owed mail moving (a worker that died for good shows up only there)."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection

from campaign.celery import app as celery_app
from events.core.services import heartbeat
from events.outbox.services import outbox

logger = logging.getLogger(__name__)


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return False
    return True


def check_broker(timeout=2.0, retry_pause=0.2):
    try:
        # The project's app, not celery.current_app: whichever app was made last is
        # "current", and a library or test making one would have us check its broker.
        with celery_app.connection_for_write() as conn:
            # One retry rides out a blip; kombu would first sleep 2 s, which a load
            # balancer's probe (often a 2-5 s timeout) would take for a hang.
            conn.ensure_connection(
                max_retries=1,
                timeout=timeout,
                interval_start=retry_pause,
                interval_step=0,
                interval_max=retry_pause,
            )
    except Exception:  # any transport error means "not reachable"; logged, never raised
        logger.warning("Health check: broker unreachable", exc_info=True)
        return False
    return True


def report():
    """Return (healthy, details) for the load balancer and for people reading it."""
    database_ok = check_database()
    broker_ok = check_broker()
    beat = heartbeat.status() if database_ok else None
    sweep = heartbeat.status(outbox.SWEEP_HEARTBEAT) if database_ok else None
    beat_ok = bool(beat and beat.healthy)
    sweep_ok = bool(sweep and sweep.healthy)
    owed_age = outbox.oldest_owed_age() if database_ok else None
    mail_moving = owed_age is not None and owed_age <= settings.TAPESTRY_MAIL_STALL_SECONDS
    details = {
        "database": "ok" if database_ok else "unreachable",
        "broker": "ok" if broker_ok else "unreachable",
        "beat": {
            "status": _beat_state(beat),
            "last_tick": beat.last_seen.isoformat() if beat and beat.last_seen else None,
            "age_seconds": beat.age_seconds if beat else None,
            "ticks": beat.runs if beat else 0,
        },
        "mail": {
            "sweep": _beat_state(sweep),
            "last_sweep": sweep.last_seen.isoformat() if sweep and sweep.last_seen else None,
            "overdue": outbox.overdue_count() if database_ok else None,
            "oldest_owed_seconds": owed_age,
            "status": "ok" if mail_moving else ("stalled" if database_ok else "unknown"),
        },
    }
    healthy = database_ok and broker_ok and beat_ok and sweep_ok and mail_moving
    details["status"] = "ok" if healthy else "failing"
    return healthy, details


def _beat_state(beat):
    if beat is None:
        return "unknown"
    if beat.last_seen is None:
        return "never seen"
    return "ok" if beat.healthy else "late"
