"""The calendar room's models (re-exported by events.models for migrations)."""

from events.calendar.models.feeds import FeedFragment
from events.calendar.models.occurrences import Occurrence
from events.calendar.models.pages import (
    AttendanceMode,
    CampaignPage,
    CampaignStory,
    EventException,
    EventIndexPage,
    EventPage,
    EventStatus,
    OccurrenceOverride,
    RegistrationMode,
    RepeatFrequency,
    VolunteeringPage,
)
from events.calendar.models.venues import AccessFeature, EventKind, Venue

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
    "Occurrence",
    "OccurrenceOverride",
    "RegistrationMode",
    "RepeatFrequency",
    "Venue",
    "VolunteeringPage",
]
