"""The scheduled pull (a Celery task and its beat entry) and ``manage.py import_ical``."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from events import tasks
from events.calendar.models import EventPage
from events.imports.models import ImportedItem, ImportSource
from tests.events import factories
from tests.events.imports import feed_server as serve
from tests.events.imports.ics import feed, vevent

BODY = feed(
    vevent("circle-1@partner.example", "Peer support circle", location="Willow Hall"),
    vevent(
        "talk-2@partner.example",
        "Talk: sleep and mood",
        {
            "DTSTART;TZID=Europe/London": "20270310T190000",
            "DTEND;TZID=Europe/London": "20270310T203000",
        },
    ),
)


def test_beat_runs_the_task_by_its_registered_name():
    entry = settings.CELERY_BEAT_SCHEDULE["pull-partner-calendars"]
    assert entry["task"] == "events.tasks.pull_partner_calendars"
    assert tasks.pull_partner_calendars.name == entry["task"]


@pytest.mark.django_db
def test_the_task_pulls_each_due_source_and_no_other(feed_server, make_source):
    feed_server.routes["/good.ics"] = serve.calendar(BODY)
    feed_server.routes["/bad.ics"] = serve.status(500)
    feed_server.routes["/off.ics"] = serve.calendar(BODY)
    feed_server.routes["/recent.ics"] = serve.calendar(BODY)
    good = make_source(feed_server.url("/good.ics"), name="Good")
    bad = make_source(feed_server.url("/bad.ics"), name="Bad")
    make_source(feed_server.url("/off.ics"), name="Off", disabled_at=timezone.now())
    make_source(
        feed_server.url("/recent.ics"),
        name="Recent",
        last_attempt_at=timezone.now() - timedelta(minutes=5),
        pull_every_minutes=60,
    )
    tasks.pull_partner_calendars()
    assert sorted(path for path, _ in feed_server.requests) == ["/bad.ics", "/good.ics"]
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.last_success_at is not None and good.items.count() == 2
    assert bad.consecutive_failures == 1 and "500" in bad.last_error
    # The next run, straight after: the good one is not due, the failing one backs off.
    feed_server.requests.clear()
    tasks.pull_partner_calendars()
    assert feed_server.requests == []


# manage.py import_ical --------------------------------------------------------------------


def run(*args):
    out = StringIO()
    call_command("import_ical", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_reports_a_file_without_writing(tmp_path):
    path = tmp_path / "partner.ics"
    path.write_bytes(BODY)
    assert "2 events (2 series)" in run(str(path))
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_the_command_applies_a_file_to_a_source(tmp_path, make_source):
    path = tmp_path / "partner.ics"
    path.write_bytes(BODY)
    source = make_source(name="Riverside Mind")
    assert "2 new, 0 changed" in run(str(path), "--source", "Riverside Mind")
    assert ImportedItem.objects.filter(source=source).count() == 2
    assert "0 new, 0 changed, 0 cancelled, 0 withdrawn, 2 unchanged" in run(
        str(path), "--source", "Riverside Mind"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("trusted", [True, False])
def test_the_command_can_create_the_calendar_for_a_file(tmp_path, trusted):
    factories.site_with_index()
    path = tmp_path / "partner.ics"
    path.write_bytes(BODY)
    flags = ["--create", "--trusted"] if trusted else ["--create"]

    assert "2 new" in run(str(path), "--source", "From a file", *flags)

    source = ImportSource.objects.get(name="From a file")
    assert source.trusted is trusted
    assert source.disabled_at is not None  # a file is never pulled on schedule
    pages = EventPage.objects.filter(title__in=["Peer support circle", "Talk: sleep and mood"])
    assert sorted(page.live for page in pages) == [trusted, trusted]
    # The second run finds the calendar it made and changes nothing.
    assert "2 unchanged" in run(str(path), "--source", "From a file", "--create")
    assert ImportSource.objects.count() == 1


@pytest.mark.django_db
def test_the_command_reads_a_url(feed_server, make_source):
    feed_server.routes["/cal.ics"] = serve.calendar(BODY)
    make_source(name="Riverside Mind")
    assert "2 new" in run(feed_server.url("/cal.ics"), "--source", "Riverside Mind")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.ics"], "No such file"),
        (["ftp://127.0.0.1/x.ics"], "No such file"),
        (["{page}"], "not an iCalendar"),
        (["{cal}", "--source", "Nobody"], "No imported calendar"),
    ],
)
def test_the_command_explains_what_is_wrong(tmp_path, args, message):
    page = tmp_path / "page.html"
    page.write_text("<html>Log in</html>")
    cal = tmp_path / "cal.ics"
    cal.write_bytes(BODY)
    args = [a.format(page=page, cal=cal) for a in args]
    with pytest.raises(CommandError, match=message):
        run(*args)


# A real worker, with its beat, pulling from a loopback server ---------------------------


@pytest.mark.redis
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_pulls_on_its_beat(tmp_path, feed_server, make_source):
    from tests.support.worker import celery_worker

    feed_server.routes["/cal.ics"] = serve.calendar(BODY)
    source = make_source(feed_server.url("/cal.ics"), trusted=True)
    with celery_worker(
        tmp_path,
        broker_url=settings.REDIS_URL,
        queue=f"test-{uuid.uuid4().hex}",
        beat=True,
        extra_env={"TAPESTRY_IMPORT_CHECK_SECONDS": "1"},
    ) as running:
        running.wait_for(
            lambda: ImportSource.objects.get(pk=source.pk).last_success_at is not None, timeout=90
        )
    assert EventPage.objects.filter(live=True).count() == 2
    # Pulled once (the source's interval is an hour), with no validators the first time.
    assert [path for path, _ in feed_server.requests] == ["/cal.ics"]
