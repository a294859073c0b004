"""Events app models: campaigns, events, venues, kinds, occurrences and the heartbeat."""

from events.models.feeds import FeedFragment
from events.models.health import Heartbeat
from events.models.occurrences import Occurrence
from events.models.pages import (
    AttendanceMode,
    CampaignPage,
    CampaignStory,
    EventException,
    EventIndexPage,
    EventPage,
    EventStatus,
    OccurrenceOverride,
    RepeatFrequency,
)
from events.models.venues import AccessFeature, EventKind, Venue

__all__ = [
    "AccessFeature",
    "AttendanceMode",
    "CampaignPage",
    "CampaignStory",
    "EventException",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventStatus",
    "FeedFragment",
    "Heartbeat",
    "Occurrence",
    "OccurrenceOverride",
    "RepeatFrequency",
    "Venue",
]
