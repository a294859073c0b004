"""Events app models: campaigns, events, venues, kinds, occurrences, bookings, the mail
outbox, share cards and the heartbeat."""

from events.models.booking import Bookable, Booking, HowHeard, Person
from events.models.feeds import FeedFragment
from events.models.health import Heartbeat
from events.models.occurrences import Occurrence
from events.models.outbox import OutboxMessage
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
    VolunteeringPage,
)
from events.models.registrations import (
    UNLIMITED,
    Registration,
    RegistrationMode,
    StandingRegistration,
)
from events.models.share_cards import ShareCard, share_card_upload_to
from events.models.sharing import BrandSettings, ShareImageMixin
from events.models.shifts import EventShift, Shift, StandingShift
from events.models.venues import AccessFeature, EventKind, Venue

__all__ = [
    "UNLIMITED",
    "AccessFeature",
    "AttendanceMode",
    "Bookable",
    "Booking",
    "BrandSettings",
    "CampaignPage",
    "CampaignStory",
    "EventException",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventShift",
    "EventStatus",
    "FeedFragment",
    "Heartbeat",
    "HowHeard",
    "Occurrence",
    "OccurrenceOverride",
    "OutboxMessage",
    "Person",
    "Registration",
    "RegistrationMode",
    "RepeatFrequency",
    "ShareCard",
    "ShareImageMixin",
    "Shift",
    "StandingRegistration",
    "StandingShift",
    "Venue",
    "VolunteeringPage",
    "share_card_upload_to",
]
