"""The home page's "what's on next": the next meeting of each of the next five events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.calendar.services import listing
from tests.events import factories

pytestmark = pytest.mark.django_db


def test_a_busy_series_does_not_hide_the_events_after_it():
    """Sixty daily meetings of one group come first; the next four events still show."""
    index = factories.site_with_index()
    today = timezone.localdate()
    factories.event(
        index,
        title="Daily check-in",
        slug="daily",
        start_date=today + timedelta(days=1),
        repeat="DAILY",
        repeat_count=60,
    )
    for number in range(5):
        factories.event(
            index,
            title=f"Talk {number}",
            slug=f"talk-{number}",
            start_date=today + timedelta(days=70 + number),
        )
    chosen = listing.next_occurrences(limit=5)
    assert [item.event.title for item in chosen] == [
        "Daily check-in",
        "Talk 0",
        "Talk 1",
        "Talk 2",
        "Talk 3",
    ]
    assert chosen[0].start.date() == today + timedelta(days=1)  # the series' first meeting
    assert all(item.url for item in chosen)
