"""The calendar room's models (re-exported by events.models for migrations)."""

from events.calendar.models.campaign_pages import CampaignPage, CampaignStory
from events.calendar.models.choices import (
    AttendanceMode,
    EventStatus,
    RegistrationMode,
    RepeatFrequency,
)
from events.calendar.models.event_index import EventIndexPage
from events.calendar.models.event_pages import EventException, EventPage, OccurrenceOverride
from events.calendar.models.feeds import FeedFragment
from events.calendar.models.occurrences import Occurrence
from events.calendar.models.venues import AccessFeature, EventKind, Venue
from events.calendar.models.volunteering_page import VolunteeringPage

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
