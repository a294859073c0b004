"""Logging filters: nothing secret reaches a log line.

The links in booking mail carry a signed token in the path (the manage page, the
confirmation link, the private calendar feed). Whoever holds one can act as that person,
so request and error log lines show ``[token]`` in its place.
"""

import logging
import re

TOKEN_IN_PATH = re.compile(
    r"(/(?:my-bookings/feed|my-bookings|bookings/confirm)/)(?!feed/)([^/\s?#\"']+)"
)


def redact(text):
    def keep_suffix(match):
        token = match.group(2)
        suffix = ".ics" if token.endswith(".ics") else ""
        return f"{match.group(1)}[token]{suffix}"

    return TOKEN_IN_PATH.sub(keep_suffix, text)


class RedactTokens(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
