"""Development mail backend: keep a copy of each message under var/mail/ and name it on the
console in one line (a whole mail a time drowned `make run`'s console); set
TAPESTRY_MAIL_CONSOLE=full to print whole messages as Django's console backend does."""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.utils import timezone


class ConsoleAndFileEmailBackend(ConsoleEmailBackend):
    """One .eml file per message, named so that a directory listing is in sending order."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        if os.environ.get("TAPESTRY_MAIL_CONSOLE") == "full":
            super().send_messages(email_messages)
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            if os.environ.get("TAPESTRY_MAIL_CONSOLE") != "full":
                to = ", ".join(message.recipients())
                self.stream.write(f"Mail to {to}: {message.subject} ({path.name})\n")
        self.stream.flush()
        return len(email_messages)
