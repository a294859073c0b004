"""iCalendar feeds: contract, byte stability, caching, 304s, tombstones and round trips."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.calendar.services import (
    feed_assembly,
    feed_cache,
    feed_entries,
    feed_fragments,
    feed_selections,
    ical_text,
)
from events.models import EventPage, FeedFragment, Occurrence
from tests.events import factories

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def get(client, url, **headers):
    response = client.get(url, **headers)
    return response


def parse(body):
    return icalendar.Calendar.from_ical(body)


def vevents(calendar):
    return calendar.walk("VEVENT")


def test_feed_headers_and_calendar_properties(client, site):
    response = get(client, "/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    calendar = parse(response.content)
    assert calendar["PRODID"] == ical_text.PRODID and calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == calendar["NAME"]
    assert "X-WR-CALDESC" in calendar
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/London",
        "America/Toronto",
    }


def test_every_entry_carries_the_stored_identity(client, site):
    calendar = parse(get(client, "/calendar.ics").content)
    group = site["group"]
    entries = [e for e in vevents(calendar) if e["UID"] == group.ical_uid]

    assert len(entries) == 3  # the series, the cancelled and the moved meeting
    master = next(e for e in entries if "RECURRENCE-ID" not in e)
    assert master["SEQUENCE"] == group.sequence == 0
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master["DTSTART"].dt == datetime(2027, 3, 16, 18, 30, tzinfo=LONDON)
    assert master["DTSTART"].params["TZID"] == "Europe/London"
    assert [d.dt for d in master["EXDATE"].dts] == [datetime(2027, 3, 30, 18, 30, tzinfo=LONDON)]
    # The configured site address, not the Site record's host.
    assert master["URL"] == settings.WAGTAILADMIN_BASE_URL + group.url
    assert "Support group" in master["CATEGORIES"].cats
    for entry in vevents(calendar):
        assert "ORGANIZER" not in entry and "ATTENDEE" not in entry
        assert entry["LAST-MODIFIED"].dt == entry["DTSTAMP"].dt


def test_campaign_is_an_all_day_transparent_umbrella(client, site):
    calendar = parse(get(client, f"/calendar/campaigns/{site['campaign'].slug}.ics").content)
    umbrella = next(e for e in vevents(calendar) if e["UID"] == site["campaign"].ical_uid)
    stall = parse(get(client, "/calendar.ics").content)
    stall_entry = next(e for e in vevents(stall) if e["SUMMARY"] == "Market stall")

    assert umbrella["DTSTART"].dt == date(2027, 5, 1)
    assert umbrella["DTEND"].dt == date(2027, 6, 1)
    assert umbrella["TRANSP"] == "TRANSPARENT"
    assert stall_entry["DTSTART"].dt == date(2027, 5, 15)
    assert stall_entry["DTEND"].dt == date(2027, 5, 16)
    assert (
        "Market stall"
        not in get(client, f"/calendar/campaigns/{site['campaign'].slug}.ics").content.decode()
    )


def test_location_and_geo(client, site):
    calendar = parse(get(client, "/calendar.ics").content)
    by_title = {e["SUMMARY"]: e for e in vevents(calendar) if "RECURRENCE-ID" not in e}

    stall = by_title["Market stall"]
    assert stall["LOCATION"].startswith("Willow Community Hall, 12 Mill Lane")
    assert stall["GEO"].latitude == pytest.approx(51.501)
    assert by_title["Sleep webinar"]["LOCATION"] == "https://meet.example/sleep"


def test_assembled_feed_equals_a_full_build(client, site):
    for selection in [
        feed_selections.site_selection(),
        feed_selections.campaign_selection(site["campaign"]),
        feed_selections.event_selection(site["group"]),
    ]:
        assert feed_assembly.assemble(selection) == feed_assembly.build_full(selection)
        assert feed_assembly.assemble(selection, show_cancelled=False) == feed_assembly.build_full(
            selection, show_cancelled=False
        )


def test_bytes_are_stable_between_builds_and_requests(client, site):
    first = get(client, "/calendar.ics").content
    feed_cache.invalidate()  # force a rebuild from fragments
    second = get(client, "/calendar.ics").content
    feed_fragments.store_all()  # re-rendering every fragment changes nothing
    third = get(client, "/calendar.ics").content

    assert first == second == third


def test_304_answers_without_rebuilding(client, site, monkeypatch):
    response = get(client, "/calendar.ics")
    etag, modified = response["ETag"], response["Last-Modified"]
    calls = []
    monkeypatch.setattr(feed_assembly, "assemble", lambda *a, **k: calls.append(1) or b"")

    with CaptureQueriesContext(connection) as queries:
        by_etag = get(client, "/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    by_date = get(client, "/calendar.ics", HTTP_IF_MODIFIED_SINCE=modified)

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == etag
    assert by_date.status_code == 304
    assert calls == [] and len(queries.captured_queries) == 0
    other = get(client, "/calendar.ics", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and calls == []  # warm: served from the cache


def test_cold_feed_needs_few_queries(client, site):
    feed_cache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = get(client, f"/calendar/campaigns/{site['campaign'].slug}.ics")
    assert response.status_code == 200
    assert len(queries.captured_queries) <= 5


def test_cache_is_invalidated_on_publish_and_unpublish(client, site):
    etag = get(client, "/calendar.ics")["ETag"]

    new = factories.event(site["index"], title="Brand new walk", slug="brand-new-walk")
    after_publish = get(client, "/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert after_publish.status_code == 200 and b"Brand new walk" in after_publish.content

    etag = after_publish["ETag"]
    EventPage.objects.get(pk=new.pk).unpublish()
    after_unpublish = get(client, "/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert after_unpublish.status_code == 200 and b"Brand new walk" not in after_unpublish.content
    assert not FeedFragment.objects.filter(page_id=new.pk).exists()


def test_sequence_in_feed_moves_only_with_material_edits(client, site):
    group = site["group"]
    url = f"/calendar/events/{group.pk}.ics"

    group = factories.republish(group, summary="Kinder words")
    body = get(client, url).content
    master = next(e for e in vevents(parse(body)) if "RECURRENCE-ID" not in e)
    assert master["SEQUENCE"] == 0 and "Kinder words" in master["DESCRIPTION"]

    group = factories.republish(group, start_time=time(18, 0), end_time=time(19, 30))
    master = next(e for e in vevents(parse(get(client, url).content)) if "RECURRENCE-ID" not in e)
    assert master["SEQUENCE"] == 1
    # Stamped when the entry's bytes last changed: at (or, when re-rendered a moment later,
    # just after) the material change, and the same instant as LAST-MODIFIED.
    stamp = master["DTSTAMP"].dt
    assert stamp >= group.last_material_change.replace(microsecond=0)
    assert stamp - group.last_material_change < timedelta(seconds=30)
    assert stamp == master["LAST-MODIFIED"].dt


def test_cancelled_events_stay_as_tombstones_then_go(client, site, settings):
    stall = factories.republish(site["stall"], status="cancelled", status_reason="Rain")
    body = get(client, "/calendar.ics").content
    entry = next(e for e in vevents(parse(body)) if e["UID"] == stall.ical_uid)
    assert entry["STATUS"] == "CANCELLED" and entry["SUMMARY"] == "Market stall"
    assert entry["SEQUENCE"] == 1

    hidden = get(client, "/calendar.ics?cancelled=hide").content
    assert stall.ical_uid.encode() not in hidden

    later = timezone.now() + timedelta(days=settings.TAPESTRY_FEED_TOMBSTONE_DAYS + 1)
    assert stall.ical_uid.encode() not in feed_assembly.assemble(
        feed_selections.site_selection(), now=later
    )
    earlier = timezone.now() + timedelta(days=settings.TAPESTRY_FEED_TOMBSTONE_DAYS - 1)
    assert stall.ical_uid.encode() in feed_assembly.assemble(
        feed_selections.site_selection(), now=earlier
    )


def test_filtered_feed_matches_the_list_filters(client, site):
    body = get(client, "/calendar.ics?mode=online").content.decode()

    assert "Sleep webinar" in body and "Tuesday peer support" not in body
    listing_html = client.get(site["index"].url + "?mode=online").content.decode()
    assert 'href="/calendar.ics?mode=online"' in listing_html


def test_kind_event_and_occurrence_feeds(client, site):
    kind = get(client, "/calendar/kinds/support-group.ics").content.decode()
    one = get(client, f"/calendar/events/{site['webinar'].pk}.ics").content.decode()
    moved = get(client, f"/calendar/events/{site['group'].pk}/2027-04-13.ics")

    assert "Tuesday peer support" in kind and "Sleep webinar" not in kind
    assert "Sleep webinar" in one and "Tuesday peer support" not in one
    entry = vevents(parse(moved.content))[0]
    assert entry["RECURRENCE-ID"].dt == datetime(2027, 4, 13, 18, 30, tzinfo=LONDON)
    assert entry["DTSTART"].dt == datetime(2027, 4, 14, 19, 0, tzinfo=LONDON)
    assert "RRULE" not in entry
    assert get(client, "/calendar/kinds/nope.ics").status_code == 404


def instances_from_feed(body, start, end):
    calendar = parse(body)
    found = set()
    for item in recurring_ical_events.of(calendar).between(start, end):
        dtstart = item["DTSTART"].dt
        if isinstance(dtstart, datetime):
            found.add(
                (
                    str(item["UID"]),
                    dtstart.astimezone(UTC),
                    item["DTEND"].dt.astimezone(UTC),
                    str(item.get("STATUS")),
                )
            )
        else:
            found.add((str(item["UID"]), dtstart, item["DTEND"].dt, str(item.get("STATUS"))))
    return found


def instances_from_table(start, end):
    found = set()
    rows = Occurrence.objects.filter(start__lt=end, end__gt=start).select_related("event")
    for row in rows:
        event = row.event
        status = "CANCELLED" if row.cancelled else feed_entries.ICAL_STATUS[event.status]
        if row.all_day:
            found.add(
                (
                    event.ical_uid,
                    timezone.localtime(row.start, event.zone).date(),
                    timezone.localtime(row.end, event.zone).date(),
                    status,
                )
            )
        else:
            found.add((event.ical_uid, row.start.astimezone(UTC), row.end.astimezone(UTC), status))
    return found


def test_round_trip_matches_the_occurrence_table_for_twelve_months(client, site):
    start = datetime(2027, 3, 1, tzinfo=UTC)
    end = datetime(2028, 3, 1, tzinfo=UTC)
    # The kind's own feed carries the series (a filtered list's feed lists meetings singly).
    body = get(client, "/calendar/kinds/support-group.ics").content
    body_all = get(client, "/calendar.ics").content

    from_feed = instances_from_feed(body, start, end)
    group_uid = site["group"].ical_uid
    from_table = {i for i in instances_from_table(start, end) if i[0] == group_uid}
    assert from_feed == from_table
    assert len(from_table) > 45  # a year of Tuesdays, less the skipped one
    # The clock change, the skipped date, the cancelled and the moved meeting are all there.
    assert (
        group_uid,
        datetime(2027, 3, 23, 18, 30, tzinfo=UTC),
        datetime(2027, 3, 23, 20, 0, tzinfo=UTC),
        "CONFIRMED",
    ) in from_feed
    assert (
        group_uid,
        datetime(2027, 4, 20, 17, 30, tzinfo=UTC),
        datetime(2027, 4, 20, 19, 0, tzinfo=UTC),
        "CONFIRMED",
    ) in from_feed
    assert not any(i[1] == datetime(2027, 3, 30, 17, 30, tzinfo=UTC) for i in from_feed)
    assert (
        group_uid,
        datetime(2027, 4, 6, 17, 30, tzinfo=UTC),
        datetime(2027, 4, 6, 19, 0, tzinfo=UTC),
        "CANCELLED",
    ) in from_feed
    assert (
        group_uid,
        datetime(2027, 4, 14, 18, 0, tzinfo=UTC),
        datetime(2027, 4, 14, 19, 30, tzinfo=UTC),
        "CONFIRMED",
    ) in from_feed

    everything = {
        i for i in instances_from_feed(body_all, start, end) if i[0] != site["campaign"].ical_uid
    }
    assert everything == instances_from_table(start, end)


def test_a_second_parser_reads_every_feed(client, site):
    urls = [
        "/calendar.ics",
        f"/calendar/campaigns/{site['campaign'].slug}.ics",
        "/calendar/kinds/support-group.ics",
        f"/calendar/events/{site['group'].pk}.ics",
        f"/calendar/events/{site['group'].pk}/2027-04-13.ics",
    ]
    for url in urls:
        parsed = vobject.readOne(get(client, url).content.decode())
        events = parsed.contents["vevent"]
        assert events, url
        for event in events:
            assert event.uid.value and event.dtstamp.value
    series = vobject.readOne(
        get(client, f"/calendar/events/{site['group'].pk}.ics").content.decode()
    )
    master = next(e for e in series.vevent_list if not hasattr(e, "recurrence_id"))
    dates = list(master.getrruleset())
    assert dates[0] == datetime(2027, 3, 16, 18, 30, tzinfo=LONDON)
    assert datetime(2027, 3, 30, 18, 30, tzinfo=LONDON) not in dates


def test_subscribe_page_explains_each_calendar_app(client, site):
    feed = f"/calendar/campaigns/{site['campaign'].slug}.ics"
    html = client.get("/calendar/subscribe/", {"feed": feed}).content.decode()

    assert f'href="webcal://testserver{feed}"' in html
    assert f'value="http://testserver{feed}"' in html
    assert "From URL" in html and "Outlook" in html
    assert "every several hours" in html
    assert '<script src="/static/events/copy.js"' in html
    # Only our own feeds: anything else falls back to the site feed.
    other = client.get("/calendar/subscribe/", {"feed": "https://evil.example/x.ics"})
    assert 'value="http://testserver/calendar.ics"' in other.content.decode()


def test_add_to_calendar_links_on_event_pages(client, site):
    html = client.get(site["webinar"].url).content.decode()

    assert f'href="/calendar/events/{site["webinar"].pk}.ics"' in html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "ctz=America%2FToronto" in html
    assert "outlook.live.com/calendar/0/action/compose" in html


def test_private_support_group_location_is_the_area_only(client, site):
    group = factories.republish(site["group"], address_after_registration=True)
    body = get(client, f"/calendar/events/{group.pk}.ics").content
    master = next(e for e in vevents(parse(body)) if "RECURRENCE-ID" not in e)

    assert master["LOCATION"] == "Riverside town centre"
    assert "GEO" not in master
    assert b"12 Mill Lane" not in body and b"Alder Way" not in body


def test_new_slug_and_renamed_kind_reach_the_feed(client, site):
    group = site["group"]
    etag = get(client, "/calendar.ics")["ETag"]

    campaign = factories.republish(site["campaign"], slug="may-2027")
    body = get(client, "/calendar.ics", HTTP_IF_NONE_MATCH=etag).content.decode()
    assert "/may-2027/tuesday-peer-support/" in body.replace("\r\n ", "")
    assert campaign.slug == "may-2027"

    kind = group.kind
    kind.name = "Peer support meeting"
    kind.save()
    body = get(client, "/calendar.ics").content.decode()
    assert "Peer support meeting" in body.replace("\r\n ", "")
    assert feed_assembly.assemble(feed_selections.site_selection()) == feed_assembly.build_full(
        feed_selections.site_selection()
    )


def _rendered_at_its_time(page_id):
    """The stored entry of ``page_id`` and, per language, the entry rendered afresh with
    the stored ``rendered_at`` (as a full build renders it)."""
    from django.utils import translation

    from events.calendar.services.feed_languages import as_read

    row = FeedFragment.objects.get(page_id=page_id)
    page = EventPage.objects.get(pk=page_id)
    stored = {settings.LANGUAGE_CODE: row.ical, **row.translated_ical}
    rendered = {}
    for language in stored:
        with translation.override(language):
            (shown,) = as_read([page])
            rendered[language] = feed_fragments.render_fragment(shown, row.rendered_at)[0]
    return row, stored, rendered


def test_a_stored_entry_is_the_entry_rendered_at_its_time_then_and_after_a_later_edit():
    """Stored in the second of its material change, the entry keeps that stamp; stored
    after a title edit days later, it is stamped with the edit. Either way each language's
    stored text is the entry rendered afresh with ``rendered_at``."""
    event = factories.event(title="Open day", slug="open-day")
    changed = datetime(2027, 1, 5, 12, 0, 0, 600_000, tzinfo=UTC)
    EventPage.objects.filter(pk=event.pk).update(last_material_change=changed)
    FeedFragment.objects.filter(page_id=event.pk).delete()
    stored_at = changed + timedelta(milliseconds=300)
    assert feed_fragments.store_fragment(EventPage.objects.get(pk=event.pk), now=stored_at)

    row, stored, rendered = _rendered_at_its_time(event.pk)
    assert stored == rendered
    assert len(stored) > 1
    assert row.rendered_at == datetime(2027, 1, 5, 12, 0, 0, tzinfo=UTC)
    assert "LAST-MODIFIED:20270105T120000Z" in row.ical

    EventPage.objects.filter(pk=event.pk).update(title="Open day and garden tour")
    later = changed + timedelta(days=3)
    assert feed_fragments.store_fragment(EventPage.objects.get(pk=event.pk), now=later)

    row, stored, rendered = _rendered_at_its_time(event.pk)
    assert stored == rendered
    assert "Open day and garden tour" in row.ical
    assert "LAST-MODIFIED:20270108T120000Z" in row.ical
    assert not feed_fragments.store_fragment(EventPage.objects.get(pk=event.pk), now=later)
