"""Loaded into a test worker (``--include``): sets its clock from a file before each task.

Lets a test move a real worker's time forward (days, across a clock change) without
waiting: the test writes an ISO timestamp to the file named by TAPESTRY_TEST_CLOCK, and
the worker's next task runs at that instant, ticking on from there. Monotonic clocks, which
the broker connection's timeouts use, are left alone.
"""

import os
from datetime import datetime
from pathlib import Path

import time_machine
from celery.signals import task_prerun

_clock = {"traveller": None, "seen": None}


def _wanted():
    path = os.environ.get("TAPESTRY_TEST_CLOCK")
    if not path or not Path(path).exists():
        return None
    text = Path(path).read_text().strip()
    return datetime.fromisoformat(text) if text else None


@task_prerun.connect
def _set_clock(**_kwargs):
    wanted = _wanted()
    if wanted is None or wanted == _clock["seen"]:
        return
    _clock["seen"] = wanted
    if _clock["traveller"] is None:
        _clock["traveller"] = time_machine.travel(wanted, tick=True).start()
    else:
        _clock["traveller"].move_to(wanted)
