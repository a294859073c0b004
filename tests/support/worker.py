"""Start a real Celery worker process against the test database, as `make run` would."""

import ctypes
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def test_database_url():
    """A DATABASE_URL for the database this test run created, so the worker shares it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{db['NAME']}"


class Worker:
    """A running worker process and its log, for assertions and failure messages."""

    def __init__(self, process, log_path):
        self.process = process
        self.log_path = log_path

    def log(self, tail=4000):
        return Path(self.log_path).read_text(errors="replace")[-tail:]

    def wait_for(self, condition, timeout, interval=0.2):
        """Poll ``condition`` until it returns something truthy; fail with the log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited early; its log:\n{self.log()}")
            time.sleep(interval)
        raise AssertionError(f"condition not met within {timeout}s; worker log:\n{self.log()}")


@contextmanager
def celery_worker(
    var_dir, *, broker_url=None, queue=None, beat=False, extra_env=None, pool="solo", include=()
):
    """Run `celery worker` (optionally with an embedded beat) until the block ends.

    ``include`` names extra modules the worker imports at start (test fixtures).
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign.settings.dev",
        "DATABASE_URL": test_database_url(),
        "TAPESTRY_VAR_DIR": str(var_dir),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    if queue:
        env["TAPESTRY_CELERY_QUEUE"] = queue
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
        env["CELERY_RESULT_BACKEND"] = broker_url
    command = [sys.executable, "-m", "celery", "-A", "campaign", "worker", f"--pool={pool}"]
    if pool == "prefork":
        command.append("--concurrency=1")
    command += ["--loglevel=INFO", "--without-mingle", "--without-gossip"]
    if include:
        command += [f"--include={','.join(include)}"]
    if beat:
        command += ["--beat", f"--schedule={Path(var_dir) / 'beat-schedule'}"]
    log_path = Path(var_dir) / "worker.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so teardown stops only it
            preexec_fn=_die_with_parent,
        )
    try:
        yield Worker(process, log_path)
    finally:
        _stop(process)


def _die_with_parent():
    """Linux: the worker gets SIGTERM if the test process dies without tearing down.

    Otherwise an interrupted run leaves a worker (and its beat) writing to the test
    database, and the next run sees its heartbeats and loses its mail to it.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop(process, grace=10):
    """Stop the worker's whole process group, even when the worker itself is gone: the
    beat it embeds (``--beat``) is a child that outlives a worker that killed itself."""
    group = process.pid
    if not _signal_group(group, signal.SIGTERM):
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if process.poll() is None:
            try:
                process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                continue
        if not group_alive(group):
            return
        time.sleep(0.2)
    _signal_group(group, signal.SIGKILL)
    if process.poll() is None:
        process.wait(timeout=grace)


def group_alive(group):
    """Whether any process of the group is left (signal 0 only asks)."""
    return _signal_group(group, 0)


def _signal_group(group, signal_number):
    try:
        os.killpg(group, signal_number)
    except ProcessLookupError:
        return False
    return True


def sent_mail_files(var_dir):
    """The .eml files the worker's development mail backend wrote, oldest first."""
    return sorted((Path(var_dir) / "mail").glob("*.eml"))
