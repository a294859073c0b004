"""Events app models: campaigns, events, venues, kinds, occurrences, bookings, the mail
outbox, share cards and the heartbeat."""

from events.bookings.models.booking import Bookable, Booking, HowHeard, Person
from events.bookings.models.registrations import (
    UNLIMITED,
    Registration,
    StandingRegistration,
)
from events.bookings.models.shifts import EventShift, Shift, StandingShift
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
from events.core.models.health import Heartbeat
from events.core.models.page_fields import ShareImageMixin
from events.imports.models import ImportChange, ImportedItem, ImportSource
from events.outbox.models.outbox import OutboxMessage
from events.partners.models.partners import Partner
from events.sharing.models.branding import BrandSettings
from events.sharing.models.share_cards import ShareCard, share_card_upload_to
from events.submissions.models.submissions import Submission

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
    "ImportChange",
    "ImportSource",
    "ImportedItem",
    "Occurrence",
    "OccurrenceOverride",
    "OutboxMessage",
    "Partner",
    "Person",
    "Registration",
    "RegistrationMode",
    "RepeatFrequency",
    "ShareCard",
    "ShareImageMixin",
    "Shift",
    "StandingRegistration",
    "StandingShift",
    "Submission",
    "Venue",
    "VolunteeringPage",
    "share_card_upload_to",
]
