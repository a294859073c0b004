"""An entry's calendar identity (UID, SEQUENCE, last material change): set on first
publication, bumped once by each material edit, never rewound."""

from datetime import time

import pytest

from events.calendar.services import changes
from tests.events import factories
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

# One default event (tests/events/factories.event), published once for the module; each
# test's edits and revisions are undone.
event_rows = module_rows(factories.event)


@pytest.fixture
def default_event(event_rows, db):
    return fresh(event_rows)


class TestSequence:
    def test_first_publication_is_sequence_zero_with_a_uid(self, default_event):
        event = default_event

        assert event.ical_uid.endswith("@tapestry") and len(event.ical_uid) > 30
        assert event.sequence == 0
        assert event.last_material_change is not None

    def test_cosmetic_edits_do_not_bump(self, default_event):
        event = default_event
        stamp = event.last_material_change

        event = factories.republish(event, title="New title", summary="New words")

        assert event.sequence == 0 and event.last_material_change == stamp

    @pytest.mark.parametrize(
        "change",
        [
            {"start_time": time(19, 0)},
            {"end_time": time(21, 0)},
            {"status": "postponed", "status_reason": "Storm"},
            {"repeat": "WEEKLY", "repeat_weekdays": "TU", "repeat_count": 3},
            {"time_zone": "Europe/Dublin"},
        ],
    )
    def test_material_edits_bump_once(self, default_event, change):
        event = default_event

        event = factories.republish(event, **change)
        assert event.sequence == 1
        event = factories.republish(event, title="Cosmetic after")
        assert event.sequence == 1

    def test_moving_to_another_venue_or_editing_its_address_bumps(self, default_event):
        event = default_event
        other = factories.venue(name="Birch House", area="Eastfield")

        event = factories.republish(event, venue=other)
        assert event.sequence == 1

        other.address = "3 New Street\nEastfield"
        other.save()
        event.refresh_from_db()
        assert event.sequence == 2

    def test_publishing_an_old_revision_does_not_rewind_identity(self, default_event):
        event = default_event
        first_revision = event.latest_revision
        uid = event.ical_uid
        event = factories.republish(event, start_time=time(19, 0))

        first_revision.publish()
        event.refresh_from_db()

        assert event.ical_uid == uid
        assert event.sequence == 2  # back to 18:30 is itself a material change

    def test_fingerprint_ignores_body_text(self, default_event):
        event = default_event
        before = changes.fingerprint(event)
        event.summary = "Different"
        assert changes.fingerprint(event) == before


def test_a_copied_event_gets_its_own_calendar_identity(default_event):
    event = default_event
    event = factories.republish(event, start_time=time(19, 0))

    copy = event.copy(update_attrs={"slug": "copied-event", "title": "Copied"})

    copy.refresh_from_db()
    assert copy.ical_uid and copy.ical_uid != event.ical_uid
    assert copy.sequence == 0
