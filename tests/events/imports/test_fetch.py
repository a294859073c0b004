"""Pulling a partner's calendar over HTTP, against a real loopback server."""

import pytest

from events.imports.services import fetch
from tests.events.imports import feed_server as serve

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"


def test_a_200_gives_the_body_and_its_validators(feed_server):
    feed_server.routes["/cal.ics"] = serve.calendar(ICS, etag='"abc"')
    got = fetch.fetch(feed_server.url("/cal.ics"))
    assert got.not_modified is False
    assert got.body == ICS
    assert got.etag == '"abc"'
    assert got.last_modified == "Tue, 01 Dec 2026 09:00:00 GMT"


def test_the_validators_are_sent_back_and_a_304_means_nothing_to_do(feed_server):
    feed_server.routes["/cal.ics"] = serve.calendar(ICS, etag='"abc"')
    got = fetch.fetch(
        feed_server.url("/cal.ics"), etag='"abc"', last_modified="Tue, 01 Dec 2026 09:00:00 GMT"
    )
    assert got.not_modified is True
    assert got.body == b""
    _, headers = feed_server.requests[-1]
    assert headers["If-None-Match"] == '"abc"'
    assert headers["If-Modified-Since"] == "Tue, 01 Dec 2026 09:00:00 GMT"


def test_a_stale_etag_gets_the_new_body(feed_server):
    feed_server.routes["/cal.ics"] = serve.calendar(ICS, etag='"new"')
    got = fetch.fetch(feed_server.url("/cal.ics"), etag='"old"')
    assert got.not_modified is False
    assert got.etag == '"new"'


def test_a_server_error_is_reported(feed_server):
    feed_server.routes["/cal.ics"] = serve.status(500)
    with pytest.raises(fetch.FetchError, match="500"):
        fetch.fetch(feed_server.url("/cal.ics"))


def test_a_missing_feed_is_reported(feed_server):
    with pytest.raises(fetch.FetchError, match="404"):
        fetch.fetch(feed_server.url("/nothing.ics"))


def test_a_server_that_does_not_answer_in_time_is_given_up(feed_server):
    feed_server.routes["/cal.ics"] = serve.slow(3)
    with pytest.raises(fetch.FetchError, match=r"in time|seconds"):
        fetch.fetch(feed_server.url("/cal.ics"), timeout=0.5)


def test_a_declared_huge_body_is_refused_before_reading(feed_server):
    feed_server.routes["/cal.ics"] = serve.calendar(b"X" * 5000)
    with pytest.raises(fetch.FetchError, match="larger than"):
        fetch.fetch(feed_server.url("/cal.ics"), max_bytes=1024)


def test_an_endless_body_is_cut_at_the_cap(feed_server):
    feed_server.routes["/cal.ics"] = serve.endless()
    with pytest.raises(fetch.FetchError, match="larger than"):
        fetch.fetch(feed_server.url("/cal.ics"), max_bytes=256 * 1024)


def test_a_body_at_the_cap_is_read(feed_server):
    feed_server.routes["/cal.ics"] = serve.calendar(b"X" * 1024)
    assert len(fetch.fetch(feed_server.url("/cal.ics"), max_bytes=1024).body) == 1024


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/cal.ics", "javascript:alert(1)", "cal.ics"]
)
def test_only_http_and_https_are_pulled(url):
    with pytest.raises(fetch.FetchError, match="http"):
        fetch.fetch(url)


def test_a_redirect_to_a_local_file_is_not_followed(feed_server):
    feed_server.routes["/cal.ics"] = serve.redirect("file:///etc/hostname")
    with pytest.raises(fetch.FetchError, match="not allowed"):
        fetch.fetch(feed_server.url("/cal.ics"))


def test_a_redirect_to_another_http_address_is_followed(feed_server):
    feed_server.routes["/old.ics"] = serve.redirect(feed_server.url("/cal.ics"))
    feed_server.routes["/cal.ics"] = serve.calendar(ICS)
    assert fetch.fetch(feed_server.url("/old.ics")).body == ICS


def test_nothing_is_listening(feed_server):
    url = feed_server.url("/cal.ics")
    feed_server.close()
    with pytest.raises(fetch.FetchError, match=r"reach|connection"):
        fetch.fetch(url, timeout=2)
