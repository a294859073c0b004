"""`make run`'s process manager with real processes: a killed worker comes back by itself
and the mail owed meanwhile is sent; the console stays free of routine task lines."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from events.bookings.services import booking
from events.models import OutboxMessage
from tests.events.booking_factories import make_bookable
from tests.support import worker as worker_support

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout, log_path, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    tail = Path(log_path).read_text(errors="replace")[-4000:]
    raise AssertionError(f"{what} not seen within {timeout}s; devrun log:\n{tail}")


def read_state(var):
    try:
        return json.loads((var / "run" / "processes.json").read_text())
    except (OSError, ValueError):
        return {}


def test_a_killed_worker_is_restarted_and_the_owed_mail_sent(tmp_path):
    var = tmp_path / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_BROKER_URL", "TAPESTRY_BASE_URL", "LOG_LEVEL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="campaign.settings.dev",
        DATABASE_URL=worker_support.test_database_url(),
        TAPESTRY_VAR_DIR=str(var),
        TAPESTRY_SWEEP_SECONDS="1",
        TAPESTRY_HEARTBEAT_SECONDS="1",
    )
    log_path = tmp_path / "devrun.log"
    with open(log_path, "wb") as log:
        manager = subprocess.Popen(
            [sys.executable, "-m", "campaign.devrun", "--port", str(free_port())],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=worker_support._die_with_parent,
        )
    try:
        state = wait_for(
            lambda: (s := read_state(var)).get("ready") and s["processes"]["worker"]["pid"] and s,
            180,
            log_path,
            "the site answering",
        )
        first = state["processes"]["worker"]["pid"]
        # The worker must be up (it ran a heartbeat task) before it is killed.
        wait_for(lambda: b"celery@" in log_path.read_bytes(), 120, log_path, "worker ready")

        os.kill(first, signal.SIGKILL)
        # Mail owed while the worker is down.
        shift = make_bookable(title="Welcome desk")
        booking.sign_up(shift.pk, name="Sam", email="sam@example.org")

        restarted = wait_for(
            lambda: (
                (w := read_state(var)["processes"]["worker"])["restarts"] >= 1 and w["pid"] and w
            ),
            60,
            log_path,
            "the worker restarted",
        )
        sent = wait_for(
            lambda: OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).first(),
            120,
            log_path,
            "the owed mail sent",
        )
    finally:
        manager.send_signal(signal.SIGTERM)
        manager.wait(timeout=60)

    assert restarted["pid"] != first
    assert restarted["exits"][0]["exit"] == -signal.SIGKILL
    assert sent.recipient == "sam@example.org"
    assert len(list((var / "mail").glob("*.eml"))) == 1
    output = log_path.read_text(errors="replace")
    assert "worker exited with code -9" in output and "worker restarted" in output
    # Web and beat were never taken down with it, and everything stopped on SIGTERM.
    final = read_state(var)["processes"]
    assert final["web"]["restarts"] == 0 and final["beat"]["restarts"] == 0
    assert all(process["pid"] is None for process in final.values())
    # A quiet console: no "Task … received/succeeded" line per task run, and the addresses
    # are printed once everything answers.
    assert " succeeded in " not in output and "] received" not in output
    assert "Site:   http://127.0.0.1:" in output
