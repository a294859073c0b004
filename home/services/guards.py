"""Spam and abuse guards shared by the public forms: rate limits, links, duplicates.

Nothing here stores a reader's address. A sender is known only by a keyed hash of it,
which is enough to count their posts and useless to anyone without the site's key.
"""

import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import ngettext

from events.core.services import ratelimit
from events.core.services.ratelimit import client_address, sender_hash  # noqa: F401  (re-exported)

MAX_LINKS = 2
LINK_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


def from_this_site(request):
    """Whether a form post came from one of this site's own pages.

    Used instead of a CSRF token where a token would make a public page uncacheable (the
    comment form under every story). Browsers say where a post comes from: Sec-Fetch-Site
    first, else Origin, else Referer; another site's page posting our form is refused.
    A request with none of them does not come from a browser on another site's page,
    which is the attack a CSRF token stops; rate limits and moderation handle the rest.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return True
    parts = urlsplit(source)
    ours = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    return f"{parts.scheme}://{parts.netloc}" in ours


class GuardError(Exception):
    """A submission was refused; ``message`` is safe and kind to show the reader."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(GuardError):
    pass


class Duplicate(GuardError):
    pass


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def fingerprint(*parts):
    """A hash of the parts with case and spacing ignored, for spotting repeats."""
    normalised = "\x1f".join(WHITESPACE.sub(" ", str(part)).strip().casefold() for part in parts)
    return hashlib.sha256(normalised.encode()).hexdigest()


def rate_limit(scope, sender, *, limit, window_seconds):
    """Count one attempt by ``sender``; refuse it kindly when over ``limit`` in the window."""
    if not ratelimit.allow(scope, sender, limit=limit, window_seconds=window_seconds):
        minutes = max(1, window_seconds // 60)
        raise RateLimited(
            ngettext(
                "You have sent several messages in a short time. Please wait "
                "%(minutes)s minute and try again; nothing you wrote has been lost.",
                "You have sent several messages in a short time. Please wait "
                "%(minutes)s minutes and try again; nothing you wrote has been lost.",
                minutes,
            )
            % {"minutes": minutes}
        )
