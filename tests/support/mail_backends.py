"""Mail backends for fault tests: they kill their own worker process at a chosen moment.

A marker file beside the mail folder arms them once; the worker then dies the way an
out-of-memory kill or a power cut would (SIGKILL: no cleanup, no acknowledgement).
"""

import os
import signal
from pathlib import Path

from django.conf import settings

from campaign.mail import ConsoleAndFileEmailBackend


def _armed(name):
    marker = Path(settings.EMAIL_FILE_PATH).parent / name
    if marker.exists():
        marker.unlink()
        return True
    return False


class DyingEmailBackend(ConsoleAndFileEmailBackend):
    def send_messages(self, email_messages):
        if _armed("die-before-send"):
            os.kill(os.getpid(), signal.SIGKILL)
        sent = super().send_messages(email_messages)
        if _armed("die-after-send"):
            os.kill(os.getpid(), signal.SIGKILL)
        return sent
