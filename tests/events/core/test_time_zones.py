import pytest
from django.core.exceptions import ValidationError

from events.calendar.models.choices import time_zone_choices
from events.calendar.models.validators import validate_time_zone
from events.core import time_zones


@pytest.fixture
def zone_reads(monkeypatch):
    """Counts how often the zone database is walked, from an empty memo."""
    reads = []
    walk = time_zones.available_timezones

    def counted():
        reads.append(1)
        return walk()

    monkeypatch.setattr(time_zones, "available_timezones", counted)
    time_zones.known_time_zones.cache_clear()
    time_zones.sorted_time_zones.cache_clear()
    yield reads
    time_zones.known_time_zones.cache_clear()
    time_zones.sorted_time_zones.cache_clear()


def test_the_zone_database_is_walked_once_however_often_events_are_checked(zone_reads):
    for _ in range(5):
        validate_time_zone("Europe/London")
        assert ("America/New_York", "America/New_York") in time_zone_choices()
    with pytest.raises(ValidationError):
        validate_time_zone("Atlantis/Lost_City")
    assert len(zone_reads) == 1


def test_utc_is_known_and_the_choices_are_in_order():
    validate_time_zone("UTC")
    names = [name for name, _label in time_zone_choices()]
    assert names == sorted(names)
    assert "Europe/London" in names
