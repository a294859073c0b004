"""Telling a front-end cache (CDN, Varnish: Wagtail's frontend_cache backends, configured
in ``WAGTAILFRONTENDCACHE``) what a purge made stale, from a Celery task.

The page cache's own purge stays immediate (``campaign.pagecache.purge``); this one goes
over the network, so publishing never waits for it. The URLs travel in batches, one task
each, so a batch that fails is retried alone, with growing delays while the cache is down.
Wagtail's backends log a failed request instead of raising; the task reads those log
records to know it failed.

A whole purge (settings, wording, menus) cannot be listed URL by URL, and none of Wagtail's
backends can ban. The task sends, for every site and language, the root address and the
root followed by ``*``: CloudFront invalidates everything under a path ending in ``*``, a
Varnish configured to ban on it does the same (see docs/deployment.md), and a plain PURGE
handler at least drops the home pages.
"""

import logging
import threading
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from celery import shared_task
from django.conf import settings
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger(__name__)

# Cloudflare takes at most 30 URLs a call (Wagtail splits bigger batches itself); a task of
# 100 keeps a retried batch small and a long purge list to a few tasks.
BATCH_SIZE = 100
MAX_RETRIES = 8
# Seconds before the first retry, doubled each time (with jitter), never above the cap.
RETRY_BACKOFF = 2
RETRY_BACKOFF_MAX = 600
WAGTAIL_LOGGER = "wagtail.frontendcache"


class PurgeFailed(Exception):
    """A backend reported that it could not purge some of the URLs (retried)."""


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def batches(urls, size=BATCH_SIZE):
    urls = list(dict.fromkeys(urls))
    return [urls[start : start + size] for start in range(0, len(urls), size)]


def enqueue(urls=None):
    """Queue the front-end purge of ``urls`` (every page if None). Called once the
    publishing transaction committed; a broker that is down loses only this purge (the
    front end keeps its copies for their own lifetime), never the publish."""
    if not configured():
        return
    try:
        if urls is None:
            purge_task.delay(None)
            return
        for batch in batches(urls):
            purge_task.delay(batch)
    except Exception:
        logger.exception("Could not queue the front-end cache purge")


def whole_site_urls():
    """Every site's root and root wildcard, in every language (see the module's notes)."""
    from wagtail.models import Site

    prefixes = [""] + [
        "/" + code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    urls = []
    for site in Site.objects.order_by("pk"):
        for prefix in prefixes:
            urls += [f"{site.root_url}{prefix}/", f"{site.root_url}{prefix}/*"]
    return urls


class TimedHTTPBackend(HTTPBackend):
    """Wagtail's PURGE backend, with a time limit on each request.

    Wagtail's own opens the connection without a timeout: a front end that accepts it and
    never answers would hold a worker thread for good. Here such a purge fails after
    ``TIMEOUT`` seconds (10 unless configured) and is logged like any other failure, so the
    task retries it later.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 10))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        # The front end is asked at its own address for the page's path, and told the
        # page's host (with its port) so it finds the right copy.
        target = urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""))
        request = PurgeRequest(target, headers={"Host": parts.netloc, "User-Agent": "Tapestry"})
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 (scheme set by settings)
                pass
        except (URLError, OSError) as error:  # HTTP errors, refusals and timeouts alike
            logging.getLogger(WAGTAIL_LOGGER).error(
                "Could not purge %s from the front-end cache: %s", url, error
            )


class _Failures(logging.Handler):
    """Collects the errors Wagtail's backends log, from this thread only (a threaded
    worker runs other tasks at the same time)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages = []

    def emit(self, record):
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def send(urls):
    """Purge ``urls`` from every configured backend that serves their host now; raises
    PurgeFailed when a backend logged an error."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    failures = _Failures()
    wagtail_logger = logging.getLogger(WAGTAIL_LOGGER)
    wagtail_logger.addHandler(failures)
    try:
        for backend in get_backends().values():
            own = [url for url in urls if backend.invalidates_hostname(urlsplit(url).netloc)]
            if own:
                backend.purge_batch(own)
    finally:
        wagtail_logger.removeHandler(failures)
    if failures.messages:
        raise PurgeFailed("; ".join(failures.messages[:5]))


@shared_task(
    name="campaign.frontend_cache.purge",
    ignore_result=True,
    autoretry_for=(PurgeFailed, OSError),
    max_retries=MAX_RETRIES,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
)
def purge_task(urls):
    """``urls`` (one batch), or every page when None."""
    send(whole_site_urls() if urls is None else urls)
