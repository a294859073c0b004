"""Applying a pulled feed: one page per UID, moderation for untrusted sources, no churn."""

from datetime import UTC, date, datetime, time

import pytest
from wagtail.models import Revision

from events.calendar.models import EventPage, Occurrence
from events.calendar.models.choices import EventStatus
from events.imports.models import ImportChange, ImportedItem
from events.imports.services import parsing, sync
from tests.events.imports.ics import feed, vevent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def apply(source, body, now=NOW):
    return sync.read_feed(source, body, now)


def page_of(source, uid):
    return EventPage.objects.get(pk=ImportedItem.objects.get(source=source, uid=uid).page_id)


def revisions():
    return Revision.objects.count()


WEEKLY = vevent(
    "circle-1@partner.example",
    "Peer support circle",
    rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=6",
    location="Willow Hall, 12 Mill Lane, Riverside",
)
TALK = vevent(
    "talk-2@partner.example",
    "Talk: sleep and mood",
    {
        "DTSTART;TZID=Europe/London": "20270310T190000",
        "DTEND;TZID=Europe/London": "20270310T203000",
    },
    location="https://meet.partner.example/talk",
)


# New events -------------------------------------------------------------------------


def test_an_untrusted_source_creates_drafts_awaiting_review(make_source):
    source = make_source()
    summary = apply(source, feed(WEEKLY, TALK))
    assert summary.created == 2
    page = page_of(source, "circle-1@partner.example")
    assert page.live is False and page.has_unpublished_changes
    assert page.title == "Peer support circle"
    assert (page.start_date, page.start_time) == (date(2027, 3, 2), time(18, 30))
    assert page.kind == source.default_kind
    assert page.venue.name == "Willow Hall" and page.attendance_mode == "in_person"
    online = page_of(source, "talk-2@partner.example")
    assert online.attendance_mode == "online"
    assert online.join_url == "https://meet.partner.example/talk"
    changes = ImportChange.objects.filter(source=source)
    assert {(c.kind, c.state) for c in changes} == {("new", "pending")}
    diff = {row["field"]: row for row in changes.get(item__page=page).diff}
    assert diff["title"]["new"] == "Peer support circle" and diff["title"]["old"] == "—"
    # Nothing is public before an editor approves: no occurrences, not live.
    assert not Occurrence.objects.filter(event=page).exists()


def test_a_trusted_source_publishes_new_events_as_revisions(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY))
    page = page_of(source, "circle-1@partner.example")
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision is not None
    assert Occurrence.objects.filter(event=page).count() == 6
    change = ImportChange.objects.get(item__page=page)
    assert (change.kind, change.state) == ("new", "applied")


def test_a_partner_trusted_in_the_sources_campaign_makes_it_trusted(make_source):
    from events.partners.models import Partner
    from tests.events import factories

    campaign = factories.campaign()
    partner = Partner.objects.create(name="Riverside Mind", slug="riverside-mind")
    source = make_source(partner=partner, campaign=campaign)
    assert not source.is_trusted()
    partner.trusted_campaigns.add(campaign)
    partner.save()
    assert source.is_trusted()


# Unchanged: nothing is written ------------------------------------------------------------


def test_an_unchanged_feed_writes_nothing(make_source, django_assert_num_queries):
    source = make_source(trusted=True)
    body = feed(WEEKLY, TALK)
    apply(source, body)
    before = (
        revisions(),
        ImportChange.objects.count(),
        list(ImportedItem.objects.values()),
        list(EventPage.objects.values("pk", "latest_revision_id", "last_published_at")),
        list(Occurrence.objects.values()),
    )
    # One query: the source's items. No save, no revision, no change row.
    with django_assert_num_queries(1):
        summary = apply(source, body, now=LATER)
    assert (summary.unchanged, summary.created, summary.changed) == (2, 0, 0)
    after = (
        revisions(),
        ImportChange.objects.count(),
        list(ImportedItem.objects.values()),
        list(EventPage.objects.values("pk", "latest_revision_id", "last_published_at")),
        list(Occurrence.objects.values()),
    )
    assert after == before


def test_the_same_events_in_another_order_and_layout_are_unchanged(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY, TALK))
    count = revisions()
    reordered = feed(TALK, WEEKLY).replace(b"\r\n", b"\n")
    assert apply(source, reordered, now=LATER).unchanged == 2
    assert revisions() == count


def test_an_untrusted_unchanged_feed_does_not_repeat_its_changes(make_source):
    source = make_source()
    body = feed(WEEKLY)
    apply(source, body)
    apply(source, body, now=LATER)
    assert ImportChange.objects.count() == 1


# Changed ----------------------------------------------------------------------------------


def moved(sequence="1"):
    return vevent(
        "circle-1@partner.example",
        "Peer support circle (new room)",
        {
            "DTSTART;TZID=Europe/London": "20270302T190000",
            "DTEND;TZID=Europe/London": "20270302T203000",
        },
        rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=6",
        location="Willow Hall, 12 Mill Lane, Riverside",
        sequence=sequence,
    )


def test_a_trusted_change_is_applied_and_published(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY))
    page = page_of(source, "circle-1@partner.example")
    first_revision = page.live_revision_id
    summary = apply(source, feed(moved()), now=LATER)
    assert summary.changed == 1
    page.refresh_from_db()
    assert page.title == "Peer support circle (new room)"
    assert page.start_time == time(19, 0)
    assert page.live_revision_id != first_revision
    change = ImportChange.objects.get(kind="update")
    assert change.state == "applied"
    diff = {row["field"]: (row["old"], row["new"]) for row in change.diff}
    assert diff["start_time"] == ("18:30:00", "19:00:00")
    assert diff["title"] == ("Peer support circle", "Peer support circle (new room)")
    assert "venue" not in diff  # only what changed
    first = Occurrence.objects.filter(event=page).order_by("start").first()
    assert first.start == datetime(2027, 3, 2, 19, 0, tzinfo=UTC)


def test_an_untrusted_change_waits_with_its_difference(make_source, django_user_model):
    source = make_source()
    apply(source, feed(WEEKLY))
    page = page_of(source, "circle-1@partner.example")
    page.save_revision().publish()  # an editor approved the new event earlier
    ImportChange.objects.update(state="applied")
    count = revisions()
    apply(source, feed(moved()), now=LATER)
    page.refresh_from_db()
    assert page.title == "Peer support circle" and page.start_time == time(18, 30)
    assert revisions() == count  # proposed, not written
    change = ImportChange.objects.get(state="pending")
    assert change.kind == "update"
    assert {row["field"] for row in change.diff} >= {"title", "start_time", "end_time"}


def test_a_second_change_replaces_the_pending_one(make_source):
    source = make_source()
    apply(source, feed(WEEKLY))
    page = page_of(source, "circle-1@partner.example")
    page.save_revision().publish()
    ImportChange.objects.update(state="applied")
    apply(source, feed(moved("1")), now=LATER)
    apply(source, feed(vevent("circle-1@partner.example", "Renamed", sequence="2")), now=LATER)
    pending = ImportChange.objects.filter(state="pending")
    assert pending.count() == 1
    assert pending.get().proposed["fields"]["title"] == "Renamed"
    assert ImportChange.objects.filter(state="superseded").count() == 1


def test_a_draft_awaiting_review_is_refreshed_not_duplicated(make_source):
    source = make_source()
    apply(source, feed(WEEKLY))
    apply(source, feed(moved()), now=LATER)
    page = page_of(source, "circle-1@partner.example")
    assert page.title == "Peer support circle (new room)" and not page.live
    assert ImportChange.objects.filter(state="pending").get().kind == "new"
    assert EventPage.objects.count() == 1


def test_a_sequence_bump_with_nothing_else_changes_no_page(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY))
    count = revisions()
    bumped = vevent(
        "circle-1@partner.example",
        "Peer support circle",
        rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=6",
        location="Willow Hall, 12 Mill Lane, Riverside",
        sequence="3",
    )
    apply(source, feed(bumped), now=LATER)
    assert revisions() == count
    assert ImportedItem.objects.get().sequence == 3
    # ... and the next pull of the same is unchanged again.
    assert apply(source, feed(bumped), now=LATER).unchanged == 1


# Cancelled and withdrawn ------------------------------------------------------------------


def test_status_cancelled_cancels_the_event_as_a_change(make_source):
    source = make_source(trusted=True)
    apply(source, feed(TALK))
    cancelled = vevent(
        "talk-2@partner.example",
        "Talk: sleep and mood",
        {
            "DTSTART;TZID=Europe/London": "20270310T190000",
            "DTEND;TZID=Europe/London": "20270310T203000",
        },
        location="https://meet.partner.example/talk",
        status="CANCELLED",
        sequence="1",
    )
    summary = apply(source, feed(cancelled), now=LATER)
    assert summary.cancelled == 1
    page = page_of(source, "talk-2@partner.example")
    assert page.status == EventStatus.CANCELLED and page.status_reason
    assert ImportChange.objects.get(kind="cancel").state == "applied"


def test_a_vanished_event_is_withdrawn_not_deleted(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY, TALK))
    summary = apply(source, feed(WEEKLY), now=LATER)
    assert summary.withdrawn == 1
    page = page_of(source, "talk-2@partner.example")
    assert page.live and page.status == EventStatus.CANCELLED
    assert page.status_reason == sync.WITHDRAWN_REASON
    item = ImportedItem.objects.get(uid="talk-2@partner.example")
    assert item.withdrawn_at == LATER
    assert ImportChange.objects.get(kind="withdraw").state == "applied"
    # Still gone next time: nothing more happens.
    count = revisions()
    assert apply(source, feed(WEEKLY), now=LATER).withdrawn == 0
    assert revisions() == count


def test_an_untrusted_withdrawal_waits_for_review(make_source):
    source = make_source()
    apply(source, feed(WEEKLY, TALK))
    page_of(source, "talk-2@partner.example").save_revision().publish()
    ImportChange.objects.update(state="applied")
    apply(source, feed(WEEKLY), now=LATER)
    assert page_of(source, "talk-2@partner.example").status == EventStatus.SCHEDULED
    change = ImportChange.objects.get(state="pending")
    assert change.kind == "withdraw"
    assert [row["field"] for row in change.diff] == ["status", "status_reason"]


def test_a_withdrawn_event_that_comes_back_is_proposed_again(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY, TALK))
    apply(source, feed(WEEKLY), now=LATER)
    apply(source, feed(WEEKLY, TALK), now=LATER)
    page = page_of(source, "talk-2@partner.example")
    assert page.status == EventStatus.SCHEDULED
    assert ImportedItem.objects.get(uid="talk-2@partner.example").withdrawn_at is None


def test_an_empty_feed_withdraws_nothing(make_source):
    source = make_source(trusted=True)
    apply(source, feed(WEEKLY, TALK))
    summary = apply(source, feed(), now=LATER)
    assert summary.withdrawn == 0 and summary.problems
    assert not ImportedItem.objects.filter(withdrawn_at__isnull=False).exists()


# One page per UID, with its changed instances ---------------------------------------------


def test_a_moved_instance_stays_with_its_series(make_source):
    source = make_source(trusted=True)
    override = vevent(
        "circle-1@partner.example",
        "Peer support circle",
        {
            "RECURRENCE-ID;TZID=Europe/London": "20270316T183000",
            "DTSTART;TZID=Europe/London": "20270317T183000",
            "DTEND;TZID=Europe/London": "20270317T200000",
        },
        location="Willow Hall, 12 Mill Lane, Riverside",
    )
    apply(source, feed(WEEKLY, override))
    assert EventPage.objects.count() == 1 and ImportedItem.objects.count() == 1
    page = page_of(source, "circle-1@partner.example")
    [changed] = page.overrides.all()
    assert (changed.original_date, changed.new_date) == (date(2027, 3, 16), date(2027, 3, 17))
    assert ImportedItem.objects.get().override_keys == ["2027-03-16T18:30:00+00:00"]
    # Unchanged next time, overrides and all.
    assert apply(source, feed(override, WEEKLY), now=LATER).unchanged == 1


# The source on the page -------------------------------------------------------------------


def test_the_event_page_names_its_source_and_last_pull(make_source, client):
    from events.imports.services import pulling
    from events.partners.models import Partner

    partner = Partner.objects.create(name="Riverside Mind", slug="riverside-mind")
    source = make_source(trusted=True, partner=partner)
    apply(source, feed(TALK))
    pulling._update(source, {"last_success_at": LATER})
    page = page_of(source, "talk-2@partner.example")
    assert page.organiser == partner
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "From Riverside Mind's calendar, updated 1 December 2026" in html


def test_the_source_line_follows_each_pull_at_once(make_source, client):
    """Whether a page was imported is kept under the editorial stamp; what its line says
    (the last pull) is read on every view."""
    from events.imports.services import pulling

    source = make_source(trusted=True)
    apply(source, feed(TALK))
    page = page_of(source, "talk-2@partner.example")
    pulling._update(source, {"last_success_at": LATER})
    assert "updated 1 December 2026" in client.get(page.url).content.decode()
    pulling._update(source, {"last_success_at": datetime(2026, 12, 2, 11, 0, tzinfo=UTC)})
    assert "updated 2 December 2026" in client.get(page.url).content.decode()


def test_a_page_never_imported_asks_nothing_of_the_imports_once_warm(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.events import factories

    page = factories.event(title="Our own talk", start_date=date(2027, 5, 2))
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert not [query for query in queries if "events_importeditem" in query["sql"]]


def test_a_feed_that_is_not_a_calendar_is_refused(make_source):
    with pytest.raises(parsing.FeedError):
        apply(make_source(), b"<html><body>Please log in</body></html>")


# End to end through HTTP, and what a hostile source can put on a page ---------------------


def test_a_pull_then_a_304_touches_only_the_sources_row(
    make_source, feed_server, django_assert_num_queries
):
    from events.imports.services import pulling
    from tests.events.imports import feed_server as serve

    feed_server.routes["/cal.ics"] = serve.calendar(feed(WEEKLY, TALK), etag='"a1"')
    source = make_source(feed_server.url("/cal.ics"), trusted=True)
    assert pulling.pull(source, now=NOW).summary.created == 2
    count = revisions()
    with django_assert_num_queries(1):
        result = pulling.pull(source, now=LATER)
    assert result.not_modified and revisions() == count
    source.refresh_from_db()
    assert source.last_success_at == LATER


def test_markup_and_scripts_from_the_source_never_reach_the_page(make_source, client):
    hostile = vevent(
        "hostile-1@partner.example",
        "<script>alert(1)</script>Open <b>morning</b>",
        {"DESCRIPTION": "<img src=x onerror=alert(2)>Come <a href='javascript:alert(3)'>in</a>"},
        location="<iframe src=//evil.example></iframe>Willow Hall",
        url="javascript:alert(4)",
    )
    source = make_source(trusted=True)
    apply(source, feed(hostile))
    page = page_of(source, "hostile-1@partner.example")
    assert "<" not in page.title and "<" not in page.summary
    assert "<" not in page.venue.name and "<" not in page.venue.address
    html = client.get(page.url).content.decode()
    for needle in ("alert(", "onerror", "javascript:", "<iframe", "evil.example"):
        assert needle not in html


def test_instances_without_their_series_each_stand_alone(make_source):
    source = make_source(trusted=True)
    orphans = [
        vevent(
            "invited-9@partner.example",
            f"Invited meeting {day}",
            {
                "RECURRENCE-ID;TZID=Europe/London": f"202704{day:02d}T100000",
                "DTSTART;TZID=Europe/London": f"202704{day:02d}T110000",
                "DTEND;TZID=Europe/London": f"202704{day:02d}T120000",
            },
        )
        for day in (6, 13)
    ]
    assert apply(source, feed(*orphans)).created == 2
    titles = sorted(EventPage.objects.values_list("title", flat=True))
    assert titles == ["Invited meeting 13", "Invited meeting 6"]
    assert apply(source, feed(*reversed(orphans)), now=LATER).unchanged == 2
