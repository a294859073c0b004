"""Pulling a partner's calendar over HTTP, against a real loopback server."""

from datetime import UTC, datetime, timedelta

import pytest

from events.imports.services import fetch, pulling
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
        fetch.fetch(feed_server.url("/cal.ics"), timeout=0.2)


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


# A source's record of its pulls: success, 304, failures, back-off, switched off ----------


def _read_nothing(source, body, now):
    return "read"


def _not_a_calendar(source, body, now):
    raise ValueError("This is not an iCalendar file.")


NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_successful_pull_records_the_validators_and_the_time(feed_server, make_source):
    feed_server.routes["/cal.ics"] = serve.calendar(ICS, etag='"v7"')
    source = make_source(feed_server.url("/cal.ics"))
    result = pulling.pull(source, now=NOW, read_feed=_read_nothing)
    assert result.ok and result.summary == "read"
    source.refresh_from_db()
    assert (source.etag, source.last_success_at, source.last_attempt_at) == ('"v7"', NOW, NOW)
    assert source.consecutive_failures == 0 and source.last_error == ""


@pytest.mark.django_db
def test_a_304_reads_nothing_and_costs_one_update(
    feed_server, make_source, django_assert_num_queries
):
    feed_server.routes["/cal.ics"] = serve.calendar(ICS, etag='"v7"')
    source = make_source(feed_server.url("/cal.ics"), etag='"v7"')

    def must_not_read(source, body, now):
        raise AssertionError("a 304 has no body to read")

    with django_assert_num_queries(1):
        result = pulling.pull(source, now=NOW, read_feed=must_not_read)
    assert result.ok and result.not_modified
    source.refresh_from_db()
    assert source.last_success_at == NOW and source.etag == '"v7"'


@pytest.mark.django_db
def test_failures_back_off_and_then_switch_the_source_off(feed_server, make_source):
    feed_server.routes["/cal.ics"] = serve.status(500)
    source = make_source(feed_server.url("/cal.ics"), pull_every_minutes=30)
    now = NOW
    delays = []
    for _ in range(pulling.MAX_FAILURES):
        assert source in pulling.due_sources(now)
        result = pulling.pull(source, now=now, read_feed=_read_nothing)
        assert not result.ok and "500" in result.error
        source.refresh_from_db()
        if source.disabled_at:
            break
        due = pulling.next_attempt_at(source)
        delays.append(due - now)
        assert source not in pulling.due_sources(due - timedelta(seconds=1))
        now = due
    assert delays == [timedelta(minutes=30 * 2**n) for n in range(1, pulling.MAX_FAILURES)]
    assert source.disabled_at == now
    assert source.consecutive_failures == pulling.MAX_FAILURES
    assert "500" in source.last_error
    # Switched off: never pulled again, however long we wait, until an editor switches it on.
    assert source not in pulling.due_sources(now + timedelta(days=30))
    assert list(pulling.failing_sources()) == [source]
    pulling.switch_on(source)
    assert source in pulling.due_sources(now)


@pytest.mark.django_db
def test_a_success_clears_the_failures(feed_server, make_source):
    feed_server.routes["/cal.ics"] = serve.calendar(ICS)
    source = make_source(feed_server.url("/cal.ics"), consecutive_failures=3, last_error="500")
    assert pulling.pull(source, now=NOW, read_feed=_read_nothing).ok
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_error == ""
    assert list(pulling.failing_sources()) == []


@pytest.mark.django_db
def test_a_body_that_is_not_a_calendar_counts_as_a_failure(feed_server, make_source):
    feed_server.routes["/cal.ics"] = serve.calendar(b"<html>Log in</html>")
    source = make_source(feed_server.url("/cal.ics"))
    result = pulling.pull(source, now=NOW, read_feed=_not_a_calendar)
    assert not result.ok
    source.refresh_from_db()
    assert source.consecutive_failures == 1
    assert source.last_error == "This is not an iCalendar file."
    assert source.last_success_at is None
    # The validators of a body we could not read are not kept: the next pull reads it again.
    assert source.etag == ""


@pytest.mark.django_db
def test_a_timeout_counts_as_a_failure(feed_server, make_source, settings):
    feed_server.routes["/cal.ics"] = serve.slow(3)
    source = make_source(feed_server.url("/cal.ics"))

    def quick(url, **headers):
        return fetch.fetch(url, timeout=0.2, **headers)

    result = pulling.pull(source, now=NOW, read_feed=_read_nothing, fetcher=quick)
    assert not result.ok and source.consecutive_failures == 1
