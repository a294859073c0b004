"""Pull a partner's calendar over HTTP, politely and within limits.

A conditional GET (If-None-Match / If-Modified-Since) turns an unchanged feed into a 304
with no body. Only http and https are followed, redirects included (never file: or ftp:),
with a timeout and a size cap, so a slow or enormous answer cannot hold a worker.
"""

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

MAX_BYTES = getattr(settings, "TAPESTRY_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
TIMEOUT_SECONDS = getattr(settings, "TAPESTRY_IMPORT_TIMEOUT_SECONDS", 20)
USER_AGENT = "Tapestry calendar import"
ALLOWED_SCHEMES = ("http", "https")


class FetchError(Exception):
    """The feed could not be read; the message is shown to editors."""


@dataclass(frozen=True)
class Fetched:
    not_modified: bool
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects())


def check_url(url):
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        raise FetchError("Only http:// and https:// calendar addresses can be pulled.")


def fetch(url, *, etag="", last_modified="", timeout=None, max_bytes=None):
    """GET the feed; a 304 answer gives ``Fetched(not_modified=True)``."""
    check_url(url)
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked above)
    try:
        with _opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_big(max_bytes))
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(_too_big(max_bytes))
            return Fetched(
                not_modified=False,
                body=body,
                etag=response.headers.get("ETag", "")[:200],
                last_modified=response.headers.get("Last-Modified", "")[:64],
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(not_modified=True, etag=etag, last_modified=last_modified)
        raise FetchError(f"The server answered {exc.code} {exc.reason}.") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"Could not reach the server: {_reason(exc.reason)}.") from exc
    except TimeoutError as exc:
        raise FetchError(f"No answer within {timeout} seconds.") from exc
    except OSError as exc:
        raise FetchError(f"The connection failed: {_reason(exc)}.") from exc


def _too_big(max_bytes):
    return f"The calendar is larger than {max_bytes // 1024} KB; it was not read."


def _reason(reason):
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    return str(reason) or reason.__class__.__name__
